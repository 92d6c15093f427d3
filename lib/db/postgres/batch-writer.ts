import type { Pool, PoolClient } from "pg";
import type { BatchWriter, WriteOptions } from "../../ingest/batch-writer";
import { planBatch, type BatchPlan } from "../../ingest/merge";
import { titleKey } from "../../papers/identity";
import { INGEST_COLUMNS, type PaperRow } from "../../papers/paper-row";
import type { PaperInput } from "../../papers/schema";
import { copyRows, quotedColumns } from "./copy";
import { selectColumn } from "./papers";
import { BULK_PENDING_LIST, searchIndexMerge, type SearchIndexMerge } from "./search-index-merge";
import { inTransaction } from "./transaction";

// Prisma fills these two on its own writes; a bulk writer sets them itself (updatedAt has no default).
const INSERT_COLUMNS = [...INGEST_COLUMNS, "createdAt", "updatedAt"];
const STAGED_COLUMNS = ["originalId", ...INGEST_COLUMNS];

const SELECT_STORED = `SELECT ${INGEST_COLUMNS.map((column) => selectColumn(column)).join(", ")} FROM "Paper" p`;

// One batch writer at a time, across processes: two ingests at once would each plan against rows
// the other is about to write, and make one paper twice. The lock ends with the transaction.
const ONE_WRITER = `SELECT pg_advisory_xact_lock(hashtext('daily-papers ingest batch'))`;

// From this many new papers a batch leaves its search entries to be merged on another
// connection (search-index-merge.ts); a small one (a submission, a day's list) merges as usual.
const BULK_FROM = 1_000;
// The entries of this many bulk batches are merged at a time, in the background: a merge visits
// the posting list of every term its entries hold, so larger merges visit each list less often.
// Merging after every batch (0.34 ms a paper at a million papers, almost as much as writing one)
// held up the next batch for 70 s in all; merging in the background, 1 s.
const MERGE_EVERY = 4;

type Written = { counts: BatchPlan["counts"]; bulk: boolean };

/**
 * Batches on PostgreSQL, each one transaction on a connection of its own: the rows the batch may
 * match read in one query, the merge planned in JS (lib/ingest/merge.ts), new papers streamed in
 * with COPY, changed ones staged with COPY and applied by one UPDATE. The search document is
 * left to the table's trigger, as for every other writer; bulk batches' search entries are merged
 * into the index in the background (search-index-merge.ts).
 */
export function postgresBatchWriter(pool: Pool): BatchWriter {
  const searchIndex = searchIndexMerge(pool);
  // Bulk batches whose search entries wait in the pending list, and the merge under way if any.
  let unmerged = 0;
  let merging: Promise<void> | null = null;
  // A merge that fails loses nothing (searches read the entries where they wait): it is tried
  // again after the next batch.
  const startMerge = () => {
    unmerged = 0;
    merging = searchIndex
      .merge()
      .catch(() => void (unmerged += MERGE_EVERY))
      .finally(() => void (merging = null));
  };
  return {
    // Measured at 100,000 papers: 5,000, 20,000 and 50,000 a batch all within the noise (44-47 s).
    batchSize: 10_000,
    write: async (papers, options) => {
      const written = await inTransaction(pool, (client) => writeBatch(client, papers, options, searchIndex));
      if (written.bulk) unmerged++;
      if (merging === null && unmerged >= MERGE_EVERY) startMerge();
      return written.counts;
    },
    // Every entry merged before the ingest reports done, so searches right after it are as fast as
    // ever. Called after a failed ingest too, whose own error must not be replaced.
    close: async () => {
      await merging;
      if (unmerged > 0) await searchIndex.merge().catch(() => undefined);
    },
  };
}

async function writeBatch(client: PoolClient, papers: PaperInput[], options: WriteOptions, searchIndex: SearchIndexMerge): Promise<Written> {
  if (!options.dryRun) await client.query(ONE_WRITER);
  const plan = planBatch(await storedRows(client, papers), papers, options);
  if (options.dryRun) return { counts: plan.counts, bulk: false };
  const bulk = plan.inserts.length >= BULK_FROM && (await searchIndex.available());
  if (bulk) await client.query(BULK_PENDING_LIST);
  const now = new Date();
  // Updates first: a paper that takes its arXiv id frees its old id (a slug) in the same batch.
  if (plan.updates.length > 0) await applyUpdates(client, plan.updates, now);
  if (plan.inserts.length > 0) {
    await copyRows(
      client,
      `"Paper"`,
      INSERT_COLUMNS,
      plan.inserts.map((row) => [...INGEST_COLUMNS.map((column) => row[column]), now, now]),
    );
  }
  return { counts: plan.counts, bulk };
}

const distinct = (values: string[]) => [...new Set(values)];

/**
 * The stored rows planBatch may match: by arXiv id, else by title. A paper with an arXiv id can
 * only take over a stored row by title when that row has no id yet, which is rare (none at all
 * in a database filled from arXiv's snapshot): those titles are looked up only when such rows
 * exist, which keeps a snapshot's batches to one index probe a paper.
 */
async function storedRows(client: PoolClient, papers: PaperInput[]): Promise<PaperRow[]> {
  const { rows: idless } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Paper" WHERE "arxivId" IS NULL) AS any`);
  const withId = papers.filter((paper) => paper.arxivId !== null);
  const withoutId = papers.filter((paper) => paper.arxivId === null);
  const { rows } = await client.query<PaperRow>({
    text: `${SELECT_STORED} WHERE p."arxivId" = ANY($1::text[]) OR p."titleKey" = ANY($2::text[]) OR (p."titleKey" = ANY($3::text[]) AND p."arxivId" IS NULL)`,
    values: [
      withId.map((paper) => paper.arxivId),
      distinct(withoutId.map((paper) => titleKey(paper.title))),
      idless[0]!.any ? distinct(withId.map((paper) => titleKey(paper.title))) : [],
    ],
  });
  return rows;
}

/**
 * Changed rows through a staging table and one UPDATE. `originalId` is the row's id before the
 * change: a paper that takes its arXiv id is renamed (its upvotes and comments follow by
 * ON UPDATE CASCADE).
 */
async function applyUpdates(client: PoolClient, updates: BatchPlan["updates"], now: Date): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE "PaperUpdate" ON COMMIT DROP AS SELECT NULL::text AS "originalId", ${quotedColumns(INGEST_COLUMNS)} FROM "Paper" WITH NO DATA`,
  );
  await copyRows(
    client,
    `"PaperUpdate"`,
    STAGED_COLUMNS,
    updates.map(({ id, row }) => [id, ...INGEST_COLUMNS.map((column) => row[column])]),
  );
  await client.query({
    text: `UPDATE "Paper" p SET ${INGEST_COLUMNS.map((column) => `"${column}" = s."${column}"`).join(", ")}, "updatedAt" = $1::timestamp
           FROM "PaperUpdate" s WHERE p."id" = s."originalId"`,
    // As UTC text: a Date parameter would go in the process's time zone, which a column without one keeps as it is.
    values: [now.toISOString()],
  });
}
