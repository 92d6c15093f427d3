import type { Pool } from "pg";
import type { CategoryCount } from "../store";
import { PAPER_COLUMNS, READ_COLUMNS, type PaperColumn, type PaperRecord } from "../../papers/paper-row";

/**
 * A column as selected: Prisma keeps DateTime as `timestamp(3)` in UTC, which pg would read as
 * local time; asked for `AT TIME ZONE 'UTC'` it comes back as the right instant whatever the
 * process's time zone.
 */
export const selectColumn = (column: PaperColumn, table = "p") =>
  PAPER_COLUMNS[column].type === "date" ? `${table}."${column}" AT TIME ZONE 'UTC' AS "${column}"` : `${table}."${column}"`;

const RECORD_SELECT = `SELECT ${READ_COLUMNS.map((column) => selectColumn(column)).join(", ")},
    (SELECT count(*)::int FROM "Comment" c WHERE c."paperId" = p."id" AND c."deletedAt" IS NULL) AS comments,
    (SELECT u."name" FROM "Submission" s JOIN "User" u ON u."id" = s."userId" WHERE s."paperId" = p."id") AS submitter
  FROM "Paper" p`;

/** PaperRecords in the order of `ids`, in one query (a page of cards, a page of search results). */
export async function postgresPapersByIds(pool: Pool, ids: string[]): Promise<PaperRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool.query<PaperRecord>({
    name: "daily-papers-papers-by-ids",
    text: `${RECORD_SELECT} WHERE p."id" = ANY($1::text[])`,
    values: [ids],
  });
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = found.get(id);
    return row ? [row] : [];
  });
}

/** Which of these papers the account has upvoted: the (userId, paperId) primary key, one query. */
export async function postgresUpvotedAmong(pool: Pool, userId: string, paperIds: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ paperId: string }>({
    name: "daily-papers-upvoted-among",
    text: `SELECT "paperId" FROM "Upvote" WHERE "userId" = $1 AND "paperId" = ANY($2::text[])`,
    values: [userId, paperIds],
  });
  return rows.map((row) => row.paperId);
}

/** The upvote counts of these papers: the primary key, one query. */
export async function postgresUpvoteCounts(pool: Pool, paperIds: string[]): Promise<Array<{ id: string; upvotes: number }>> {
  const { rows } = await pool.query<{ id: string; upvotes: number }>({
    name: "daily-papers-upvote-counts",
    text: `SELECT "id", ("importedUpvotes" + "localUpvotes")::int AS upvotes FROM "Paper" WHERE "id" = ANY($1::text[])`,
    values: [paperIds],
  });
  return rows;
}

/** Visible papers in id order after a given id (the primary key's order). */
export async function postgresVisiblePapersAfter(pool: Pool, options: { after: string | undefined; take: number }): Promise<PaperRecord[]> {
  const { rows } = await pool.query<PaperRecord>({
    name: "daily-papers-visible-after",
    text: `${RECORD_SELECT} WHERE p."id" > $1 AND NOT p."hidden" ORDER BY p."id" LIMIT $2`,
    values: [options.after ?? "", options.take],
  });
  return rows;
}

/** Visible papers per category, most first: a scan of every paper's JSON array. */
export async function postgresCategoryCounts(pool: Pool): Promise<CategoryCount[]> {
  const { rows } = await pool.query<CategoryCount>({
    name: "daily-papers-category-counts",
    text: `SELECT c.value AS category, count(*)::int AS papers FROM "Paper" p, json_array_elements_text(p."categories"::json) c
      WHERE NOT p."hidden" GROUP BY c.value ORDER BY papers DESC, category`,
  });
  return rows;
}
