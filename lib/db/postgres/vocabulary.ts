import type { Pool, PoolClient } from "pg";
import { isWord, trigrams } from "../../search/trigrams";
import { copyRows } from "./copy";
import { inTransaction } from "./transaction";

/**
 * Brings SearchTerm up to date with the index's vocabulary (PostgreSQL's ts_stat over the stored
 * tsvectors): every term with the number of papers holding it, and trigrams for the words "did
 * you mean" may suggest. Run after every ingest, in one transaction. Only what changed is
 * written, each kind of change in one statement: the vocabulary is compared where it is made,
 * in the database, and only new words come to JS for their trigrams.
 */
export async function refreshPostgresVocabulary(pool: Pool): Promise<number> {
  return inTransaction(pool, async (client) => {
    // Two ingests finishing together (or an ingest and a rerun after a kill) each refresh the
    // vocabulary: one at a time, each counting what the other committed. The lock ends with the
    // transaction.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('daily-papers vocabulary refresh')); SET LOCAL work_mem = '256MB'`);
    const size = await readIndexVocabulary(pool, client);
    // Vanished terms take their trigrams with them (the foreign key cascades).
    await client.query(`DELETE FROM "SearchTerm" s WHERE NOT EXISTS (SELECT 1 FROM "IndexTerm" i WHERE i.term = s.term)`);
    await client.query(`UPDATE "SearchTerm" s SET docs = i.docs FROM "IndexTerm" i WHERE i.term = s.term AND i.docs <> s.docs`);
    const { rows: added } = await client.query<{ term: string }>(
      `INSERT INTO "SearchTerm" (term, docs) SELECT i.term, i.docs FROM "IndexTerm" i
       WHERE NOT EXISTS (SELECT 1 FROM "SearchTerm" s WHERE s.term = i.term) RETURNING term`,
    );
    await copyRows(
      client,
      `"SearchTrigram"`,
      ["trigram", "term"],
      added.flatMap(({ term }) => (isWord(term) ? trigrams(term).map((trigram) => [trigram, term]) : [])),
    );
    return size;
  });
}

type Counts = Array<{ term: string; docs: number }>;
// ts_stat takes its query as text: dollar-quoted, as the block number is quoted inside it.
const termsIn = (blocks: string) => `SELECT word AS term, ndoc::int AS docs FROM ts_stat($query$SELECT "search" FROM "Paper" WHERE ctid ${blocks}$query$)`;

/**
 * The index's vocabulary into the temporary table "IndexTerm" (term, docs) of the refresh's
 * transaction. ts_stat reads every stored document, ~45 µs a paper on one core: the table's two
 * halves are counted at once, and their counts added up.
 */
async function readIndexVocabulary(pool: Pool, client: PoolClient): Promise<number> {
  await client.query(`CREATE TEMP TABLE "IndexTermHalf" (term text, docs int) ON COMMIT DROP`);
  await copyRows(
    client,
    `"IndexTermHalf"`,
    ["term", "docs"],
    (await countHalves(pool)).map(({ term, docs }) => [term, docs]),
  );
  const { rowCount } = await client.query(
    `CREATE TEMP TABLE "IndexTerm" ON COMMIT DROP AS SELECT term, sum(docs)::int AS docs FROM "IndexTermHalf" GROUP BY term`,
  );
  // A temporary table has no statistics until asked for: without them the joins that follow are planned for a few rows.
  await client.query(`ANALYZE "IndexTerm"`);
  return rowCount ?? 0;
}

/**
 * ts_stat over each half of Paper (by block) on a connection of its own, the two sharing one
 * snapshot, so that every paper is counted exactly once. The snapshot is taken while the refresh
 * holds its lock: it holds whatever the refresh before it saw.
 */
async function countHalves(pool: Pool): Promise<Counts> {
  const readers = [await pool.connect(), await pool.connect()] as const;
  try {
    for (const reader of readers) await reader.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await readers[0].query<{ snapshot: string; half: number }>(
      `SELECT pg_export_snapshot() AS snapshot, (pg_relation_size('"Paper"') / current_setting('block_size')::int / 2)::int AS half`,
    );
    const { snapshot, half } = rows[0]!;
    await readers[1].query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    const [first, second] = await Promise.all([
      readers[0].query<Counts[number]>(termsIn(`< '(${half},0)'`)),
      readers[1].query<Counts[number]>(termsIn(`>= '(${half},0)'`)),
    ]);
    return [...first.rows, ...second.rows];
  } finally {
    // A connection handed back to the pool keeps its transaction open: each is ended here (neither wrote anything).
    for (const reader of readers)
      await reader.query("ROLLBACK").then(
        () => reader.release(),
        (error: Error) => reader.release(error),
      );
  }
}

// Every search plans from these two lookups (and "did you mean" from the second), so they are
// plain SQL on the pool: through Prisma each cost 1-3 ms more than the query itself.

/** How many papers hold each of these index terms (stems). */
export async function postgresTermFrequencies(pool: Pool, terms: string[]): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ term: string; docs: number }>(`SELECT term, docs FROM "SearchTerm" WHERE term = ANY($1::text[])`, [[...new Set(terms)]]);
  return new Map(rows.map((row) => [row.term, row.docs]));
}

/** The terms sharing most of these trigrams, most shared first (at most 50). */
export async function postgresTermsSharingTrigrams(pool: Pool, grams: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ term: string }>(
    `SELECT term FROM "SearchTrigram" WHERE trigram = ANY($1::text[]) GROUP BY term ORDER BY count(*) DESC, term ASC LIMIT 50`,
    [grams],
  );
  return rows.map((row) => row.term);
}
