import type { Database } from "../db/database";
import { NotFoundError, ValidationError } from "../errors";
import { canonicalPaperId } from "./identity";
import { dayPeriod, formatIsoDay, periodOf, type Period, type PeriodKind } from "./period";
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
  /** Only the papers in this arXiv category (one of their categories, primary or not). */
  category?: string;
};

export async function listFeed(db: Database, options: FeedOptions): Promise<FeedPage> {
  const { period, sort = "trending", page = 0, limit = 50, now = new Date(), submitter, category } = options;
  // Trending decays with time: an answer is kept for the minute at most.
  const minute = Math.floor(now.getTime() / 60_000);
  const key = `listFeed ${period.kind} ${period.start.toISOString()} ${period.end.toISOString()} ${sort} ${page} ${limit} ${minute} ${JSON.stringify([submitter ?? null, category ?? null])}`;
  return cachedAnswer(db, key, () => rankFeed(db, { period, sort, page, limit, now, submitter, category }));
}

type CandidateFilter = Pick<FeedOptions, "period" | "submitter" | "category">;

/** A period's visible papers, on the few columns they are ranked by. */
async function feedCandidates(db: Database, { period, submitter, category }: CandidateFilter): Promise<Candidate[]> {
  const rows = await db.prisma.paper.findMany({
    where: {
      ...visible,
      feedDate: { gte: period.start, lt: period.end },
      ...(submitter === undefined ? {} : { submission: { is: { user: { is: { name: submitter } } } } }),
      // Categories are kept as a JSON array: the quoted name matches one whole element ("cs.CL", not "cs.CLx").
      ...(category === undefined ? {} : { categories: { contains: JSON.stringify(category) } }),
    },
    select: { id: true, importedUpvotes: true, localUpvotes: true, feedDate: true, publishedAt: true },
  });
  return rows.map((row) => ({ id: row.id, upvotes: row.importedUpvotes + row.localUpvotes, feedDate: row.feedDate, publishedAt: row.publishedAt }));
}

async function rankFeed(db: Database, options: Required<Omit<FeedOptions, "submitter" | "category">> & CandidateFilter): Promise<FeedPage> {
  const { sort, page, limit, now } = options;
  const candidates = await feedCandidates(db, options);
  const pageIds = orderings[sort](candidates, now)
    .slice(page * limit, (page + 1) * limit)
    .map((paper) => paper.id);
  return { period: options.period, papers: await papersInOrder(db, pageIds), total: candidates.length };
}

/**
 * Where a paper stands among its day's papers by upvotes (1 = the most upvoted), for Hugging
 * Face's "#1 Paper of the day"; null when it has no upvotes or is hidden.
 */
export async function rankOfTheDay(db: Database, paper: PaperView): Promise<number | null> {
  if (paper.upvotes === 0 || paper.hidden) return null;
  const period = dayPeriod(new Date(paper.feedDate));
  const ranked = await cachedAnswer(db, `rankOfTheDay ${period.key}`, async () =>
    orderings.upvotes(await feedCandidates(db, { period }), new Date()).map((candidate) => candidate.id),
  );
  const index = ranked.indexOf(paper.id);
  return index === -1 ? null : index + 1;
}

/** How many papers each day of a month has in the feed ("2024-10-28" -> 4), for the calendar; days without papers are absent. */
export async function paperCountsByDay(db: Database, month: Period): Promise<Record<string, number>> {
  return cachedAnswer(db, `paperCountsByDay ${month.key}`, async () => {
    const groups = await db.prisma.paper.groupBy({
      by: ["feedDate"],
      where: { ...visible, feedDate: { gte: month.start, lt: month.end } },
      _count: { _all: true },
    });
    const counts: Record<string, number> = {};
    for (const group of groups) {
      const key = formatIsoDay(group.feedDate);
      counts[key] = (counts[key] ?? 0) + group._count._all;
    }
    return counts;
  });
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
