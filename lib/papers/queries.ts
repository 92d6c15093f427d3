import type { Database } from "../db/database";
import { NotFoundError, ValidationError } from "../errors";
import { normalizeArxivId } from "../ingest/normalize";
import { periodOf, type Period, type PeriodKind } from "./period";
import { paperSelect } from "./select";
import { toPaperView, type PaperView } from "./view";

export const FEED_SORTS = ["upvotes", "newest"] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

const orderBy = {
  upvotes: [{ importedUpvotes: "desc" }, { publishedAt: "desc" }, { id: "asc" }],
  newest: [{ publishedAt: "desc" }, { importedUpvotes: "desc" }, { id: "asc" }],
} as const;

/** The feed day of the newest papers, or null on an empty database. */
export async function latestFeedDay(db: Database): Promise<Date | null> {
  const newest = await db.prisma.paper.findFirst({ orderBy: { feedDate: "desc" }, select: { feedDate: true } });
  return newest?.feedDate ?? null;
}

export type FeedPage = { period: Period; papers: PaperView[]; total: number };

/** The papers of one day, week or month of the feed, a page at a time. */
export async function listFeed(db: Database, options: { period: Period; sort?: FeedSort; page?: number; limit?: number }): Promise<FeedPage> {
  const { period, sort = "upvotes", page = 0, limit = 50 } = options;
  const where = { feedDate: { gte: period.start, lt: period.end } };
  const [rows, total] = await Promise.all([
    db.prisma.paper.findMany({ where, orderBy: [...orderBy[sort]], skip: page * limit, take: limit, select: paperSelect }),
    db.prisma.paper.count({ where }),
  ]);
  return { period, papers: rows.map(toPaperView), total };
}

/**
 * The nearest periods before and after one that have papers, so "previous" and "next" skip
 * empty days (weekends, gaps in what was ingested).
 */
export async function adjacentPeriods(db: Database, period: Period): Promise<{ previous: Period | null; next: Period | null }> {
  const [before, after] = await Promise.all([
    db.prisma.paper.findFirst({ where: { feedDate: { lt: period.start } }, orderBy: { feedDate: "desc" }, select: { feedDate: true } }),
    db.prisma.paper.findFirst({ where: { feedDate: { gte: period.end } }, orderBy: { feedDate: "asc" }, select: { feedDate: true } }),
  ]);
  const of = (row: { feedDate: Date } | null, kind: PeriodKind) => (row ? periodOf[kind](row.feedDate) : null);
  return { previous: of(before, period.kind), next: of(after, period.kind) };
}

/** One paper by id; a versioned or prefixed arXiv id ("arXiv:2312.00752v2") finds the paper too. */
export async function getPaper(db: Database, id: string): Promise<PaperView> {
  const row = await db.prisma.paper.findUnique({ where: { id: canonicalPaperId(id) }, select: paperSelect });
  if (!row) throw new NotFoundError(`No paper with id "${id}".`);
  return toPaperView(row);
}

/** Every paper in a stable order (by id), for scripts that copy the whole collection. */
export async function listAllPapers(db: Database, options: { limit: number; cursor?: string }): Promise<{ papers: PaperView[]; nextCursor: string | null }> {
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const rows = await db.prisma.paper.findMany({
    where: after === undefined ? {} : { id: { gt: after } },
    orderBy: { id: "asc" },
    take: options.limit + 1,
    select: paperSelect,
  });
  const page = rows.slice(0, options.limit);
  const nextCursor = rows.length > options.limit ? encodeCursor(page.at(-1)!.id) : null;
  return { papers: page.map(toPaperView), nextCursor };
}

// Cursors are opaque to clients: base64url of the last id seen, with a marker so junk is caught.
function encodeCursor(id: string): string {
  return Buffer.from(`after:${id}`).toString("base64url");
}

function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  if (!text.startsWith("after:") || text.length === "after:".length) {
    throw new ValidationError("cursor: not a cursor this API gave out; start without one and follow nextCursor.");
  }
  return text.slice("after:".length);
}

/** The id a paper is stored under: arXiv ids without version or prefix, anything else as given. */
export function canonicalPaperId(id: string): string {
  return normalizeArxivId(id) ?? id;
}
