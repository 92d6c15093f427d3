import type { Database } from "../db/database";
import { NotFoundError, ValidationError } from "../errors";
import { canonicalPaperId } from "./identity";
import { dayPeriod, periodOf, type Period, type PeriodKind } from "./period";
import { rankByTrending } from "./trending";
import { cachedAnswer } from "../cache/answer-cache";
import { toPaperView, type PaperView } from "./view";

export const FEED_SORTS = ["trending", "upvotes", "newest"] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

/** Hidden papers (an admin's call) are in no feed and no list. */
const visible = { hidden: false } as const;

/** The feed day of the newest papers, or null on an empty database. */
export async function latestFeedDay(db: Database): Promise<Date | null> {
  return cachedAnswer(db, "latestFeedDay", async () => {
    const newest = await db.prisma.paper.findFirst({ where: visible, orderBy: { feedDate: "desc" }, select: { feedDate: true } });
    return newest?.feedDate ?? null;
  });
}

export type FeedPage = { period: Period; papers: PaperView[]; total: number };

type Candidate = { id: string; upvotes: number; feedDate: Date; publishedAt: Date };

const byId = (a: Candidate, b: Candidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const orderings: Record<FeedSort, (papers: Candidate[], now: Date) => Candidate[]> = {
  trending: rankByTrending,
  upvotes: (papers) => papers.sort((a, b) => b.upvotes - a.upvotes || b.publishedAt.getTime() - a.publishedAt.getTime() || byId(a, b)),
  newest: (papers) => papers.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.upvotes - a.upvotes || byId(a, b)),
};

/**
 * The papers of one day, week or month of the feed, a page at a time. The count that orders
 * them is imported plus local upvotes, a sum the database cannot index; so the period's papers
 * are ranked on their few ranking columns in memory and only the page shown is fetched whole.
 */
type FeedOptions = {
  period: Period;
  sort?: FeedSort;
  page?: number;
  limit?: number;
  now?: Date;
  /** Only the papers submitted here by the account with this name (Hugging Face's `submitter=`). */
  submitter?: string;
};

export async function listFeed(db: Database, options: FeedOptions): Promise<FeedPage> {
  const { period, sort = "trending", page = 0, limit = 50, now = new Date(), submitter } = options;
  // Trending decays with time: an answer is kept for the minute at most.
  const minute = Math.floor(now.getTime() / 60_000);
  const key = `listFeed ${period.kind} ${period.start.toISOString()} ${period.end.toISOString()} ${sort} ${page} ${limit} ${minute} ${JSON.stringify(submitter ?? null)}`;
  return cachedAnswer(db, key, () => rankFeed(db, { period, sort, page, limit, now, submitter }));
}

async function rankFeed(
  db: Database,
  { period, sort, page, limit, now, submitter }: Required<Omit<FeedOptions, "submitter">> & Pick<FeedOptions, "submitter">,
): Promise<FeedPage> {
  const rows = await db.prisma.paper.findMany({
    where: {
      ...visible,
      feedDate: { gte: period.start, lt: period.end },
      ...(submitter === undefined ? {} : { submission: { is: { user: { is: { name: submitter } } } } }),
    },
    select: { id: true, importedUpvotes: true, localUpvotes: true, feedDate: true, publishedAt: true },
  });
  const candidates = rows.map((row) => ({ id: row.id, upvotes: row.importedUpvotes + row.localUpvotes, feedDate: row.feedDate, publishedAt: row.publishedAt }));
  const pageIds = orderings[sort](candidates, now)
    .slice(page * limit, (page + 1) * limit)
    .map((paper) => paper.id);
  return { period, papers: await papersInOrder(db, pageIds), total: candidates.length };
}

/** Papers by id, in the order of the ids given (a ranking computed elsewhere). */
export async function papersInOrder(db: Database, ids: string[]): Promise<PaperView[]> {
  return (await db.store.papersByIds(ids)).map(toPaperView);
}

/** /papers/trending: the last seven days of the feed (up to its latest day), by trending score. */
export async function listTrending(db: Database, options: { limit?: number; now?: Date } = {}): Promise<PaperView[]> {
  const latest = await latestFeedDay(db);
  if (!latest) return [];
  const end = new Date(dayPeriod(latest).end);
  const period: Period = { kind: "week", key: "trending", start: new Date(end.getTime() - 7 * 86_400_000), end };
  return (await listFeed(db, { period, sort: "trending", limit: options.limit ?? 50, now: options.now })).papers;
}

/**
 * The nearest periods before and after one that have papers, so "previous" and "next" skip
 * empty days (weekends, gaps in what was ingested), and the first day in this one that has any
 * (where Month → Day lands).
 */
export type AdjacentPeriods = { previous: Period | null; next: Period | null; firstDay: Date | null };

export async function adjacentPeriods(db: Database, period: Period): Promise<AdjacentPeriods> {
  return cachedAnswer(db, `adjacentPeriods ${period.kind} ${period.start.toISOString()}`, () => findAdjacentPeriods(db, period));
}

async function findAdjacentPeriods(db: Database, period: Period): Promise<AdjacentPeriods> {
  const day = { orderBy: { feedDate: "asc" }, select: { feedDate: true } } as const;
  const [before, after, first] = await Promise.all([
    db.prisma.paper.findFirst({ where: { ...visible, feedDate: { lt: period.start } }, orderBy: { feedDate: "desc" }, select: { feedDate: true } }),
    db.prisma.paper.findFirst({ where: { ...visible, feedDate: { gte: period.end } }, ...day }),
    period.kind === "day" ? null : db.prisma.paper.findFirst({ where: { ...visible, feedDate: { gte: period.start, lt: period.end } }, ...day }),
  ]);
  const of = (row: { feedDate: Date } | null, kind: PeriodKind) => (row ? periodOf[kind](row.feedDate) : null);
  return { previous: of(before, period.kind), next: of(after, period.kind), firstDay: period.kind === "day" ? period.start : (first?.feedDate ?? null) };
}

/** One paper by id; a versioned or prefixed arXiv id ("arXiv:2312.00752v2") finds the paper too. */
export async function getPaper(db: Database, id: string): Promise<PaperView> {
  const [paper] = await papersInOrder(db, [canonicalPaperId(id)]);
  if (!paper) throw new NotFoundError(`No paper with id "${id}".`);
  return paper;
}

/** Every paper in a stable order (by id), for scripts that copy the whole collection. */
export async function listAllPapers(db: Database, options: { limit: number; cursor?: string }): Promise<{ papers: PaperView[]; nextCursor: string | null }> {
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const rows = await db.store.visiblePapersAfter({ after, take: options.limit + 1 });
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
