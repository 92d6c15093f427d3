import type BetterSqlite3 from "better-sqlite3";
import { READ_COLUMNS, type PaperRecord } from "../../papers/paper-row";
import { fromSqliteRow, prepared } from "./connection";

/**
 * PaperRecords in the order of `ids`, with one prepared statement: every page and search result
 * fetches its papers this way, and Prisma's round trip costs more than the lookups. The ids go
 * in as one JSON list (one statement for a page instead of one a paper).
 */
export function sqlitePapersByIds(connection: BetterSqlite3.Database, ids: string[]): PaperRecord[] {
  const statement = prepared(
    connection,
    `SELECT ${READ_COLUMNS.map((column) => `p."${column}"`).join(", ")},
       (SELECT count(*) FROM "Comment" c WHERE c."paperId" = p."id" AND c."deletedAt" IS NULL) AS comments,
       (SELECT u."name" FROM "Submission" s JOIN "User" u ON u."id" = s."userId" WHERE s."paperId" = p."id") AS submitter
     FROM "Paper" p WHERE p."id" IN (SELECT value FROM json_each(?))`,
  );
  const found = new Map((statement.all(JSON.stringify(ids)) as Array<Record<string, unknown>>).map((row) => [row.id as string, row]));
  return ids.flatMap((id) => {
    const row = found.get(id);
    return row ? [fromSqliteRow<PaperRecord>(READ_COLUMNS, row)] : [];
  });
}

/** Which of these papers the account has upvoted: the (userId, paperId) primary key, one statement. */
export function sqliteUpvotedAmong(connection: BetterSqlite3.Database, userId: string, paperIds: string[]): string[] {
  const statement = prepared(connection, `SELECT "paperId" FROM "Upvote" WHERE "userId" = ? AND "paperId" IN (SELECT value FROM json_each(?))`);
  return statement.pluck().all(userId, JSON.stringify(paperIds)) as string[];
}

/** The upvote counts of these papers: the primary key, one statement. */
export function sqliteUpvoteCounts(connection: BetterSqlite3.Database, paperIds: string[]): Array<{ id: string; upvotes: number }> {
  const statement = prepared(
    connection,
    `SELECT "id", "importedUpvotes" + "localUpvotes" AS upvotes FROM "Paper" WHERE "id" IN (SELECT value FROM json_each(?))`,
  );
  return statement.all(JSON.stringify(paperIds)) as Array<{ id: string; upvotes: number }>;
}

/**
 * Visible papers in id order after a given id. Left to itself SQLite's planner takes the
 * (hidden, feedDate) index for `hidden = 0` and sorts every visible paper by id (9 s at a
 * million papers); the unary + keeps it on the primary key, which is already in id order.
 */
export function sqliteVisiblePapersAfter(connection: BetterSqlite3.Database, options: { after: string | undefined; take: number }): PaperRecord[] {
  const ids = prepared(connection, `SELECT "id" FROM "Paper" WHERE "id" > ? AND +"hidden" = 0 ORDER BY "id" LIMIT ?`)
    .pluck()
    .all(options.after ?? "", options.take) as string[];
  return sqlitePapersByIds(connection, ids);
}
