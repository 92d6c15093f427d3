import type { Database } from "../db/database";
import { vectorsOf } from "./idf";
import { trainLogisticRegression, type Example, type LinearModel } from "./model";
import type { SparseVector } from "./vectors";
import { recentPeriod } from "./recent";

// One reader's model, trained from their upvotes (positives), their "not interested" marks
// (negatives that count more) and papers they did neither to (the rest), as arxiv-sanity trains
// on a reader's tags against every other paper. Those others are the latest papers from before
// the last 30 days of the feed, not the papers For you then ranks: taking those as negatives
// would teach the model against exactly the unvoted papers it should find (with a few thousand
// papers a day it hardly matters; with a small collection it does). It is kept per process and
// trained again whenever the reader's votes or marks change.

/** Fewer upvotes than this and For you shows trending, saying how many more it needs. */
export const MIN_UPVOTES = 3;
/** The latest upvotes a model learns from. */
const MAX_POSITIVES = 500;
/** Papers taken as "not chosen". */
const BACKGROUND_PAPERS = 800;
/** Fewer papers than this before the last 30 days (a young collection) and the background is the latest papers, whatever their day. */
const MIN_OLDER_PAPERS = 200;
/** A "not interested" mark counts as this many papers merely not upvoted. */
const DISMISSED_WEIGHT = 5;
/** The latest upvoted papers kept with the model, to say which one a suggestion is like. */
const LIKED_KEPT = 200;
/** Readers whose models are kept (LRU): each is at most ~250 KB (the liked papers' vectors most of it). */
const MAX_READERS = 100;

export type LikedPaper = { id: string; title: string; vector: SparseVector };

export type ReaderProfile = {
  upvotes: number;
  /** Null below MIN_UPVOTES. */
  model: LinearModel | null;
  /** The latest papers upvoted (at most LIKED_KEPT), to say which one a suggestion is like. */
  liked: LikedPaper[];
  upvoted: ReadonlySet<string>;
  dismissed: ReadonlySet<string>;
  /** Changes whenever the reader votes or marks a paper: what answers for this reader are kept by. */
  version: string;
};

const profiles = new Map<string, ReaderProfile>();

/** How long a process keeps the background papers: they only change as days pass and papers come. */
const BACKGROUND_KEPT_MS = 10 * 60_000;
let background: { url: string; at: number; papers: Promise<Array<{ id: string; vector: SparseVector }>> } | null = null;

/**
 * The papers taken as "not chosen", with their vectors: the same for every reader, so each
 * process loads them once per BACKGROUND_KEPT_MS. Enough that a reader's own votes and marks
 * left out still leave BACKGROUND_PAPERS.
 */
function backgroundPapers(db: Database): Promise<Array<{ id: string; vector: SparseVector }>> {
  if (background?.url !== db.url || Date.now() - background.at > BACKGROUND_KEPT_MS) {
    const papers = loadBackground(db);
    const kept = { url: db.url, at: Date.now(), papers };
    background = kept;
    // A failed load is not kept: the next reader tries again.
    papers.catch(() => background === kept && (background = null));
  }
  return background.papers;
}

async function loadBackground(db: Database): Promise<Array<{ id: string; vector: SparseVector }>> {
  const recent = await recentPeriod(db);
  const latest = (before: Date | undefined) =>
    db.prisma.paper.findMany({
      where: { hidden: false, ...(before ? { feedDate: { lt: before } } : {}) },
      orderBy: [{ feedDate: "desc" }, { id: "asc" }],
      take: BACKGROUND_PAPERS + 2 * MAX_POSITIVES,
      select: { id: true, features: true },
    });
  const older = await latest(recent?.start);
  const papers = older.length >= MIN_OLDER_PAPERS ? older : await latest(undefined);
  const vectors = await vectorsOf(db, papers);
  return papers.map((paper, index) => ({ id: paper.id, vector: vectors[index]! }));
}

/** What identifies the state of the reader's votes and marks: their counts and latest times, two indexed aggregates. */
async function readerVersion(db: Database, userId: string): Promise<string> {
  const [upvotes, dismissals] = await Promise.all([
    db.prisma.upvote.aggregate({ where: { userId }, _count: { _all: true }, _max: { createdAt: true } }),
    db.prisma.dismissal.aggregate({ where: { userId }, _count: { _all: true }, _max: { createdAt: true } }),
  ]);
  return [upvotes._count._all, upvotes._max.createdAt?.getTime(), dismissals._count._all, dismissals._max.createdAt?.getTime()].join(":");
}

/** The reader's model and what it was made from, trained again only when their votes or marks changed. */
export async function readerProfile(db: Database, userId: string): Promise<ReaderProfile> {
  const version = await readerVersion(db, userId);
  const key = `${db.url}\u0000${userId}`;
  const kept = profiles.get(key);
  profiles.delete(key);
  if (kept?.version === version) {
    profiles.set(key, kept);
    return kept;
  }
  const profile = await trainProfile(db, userId, version);
  profiles.set(key, profile);
  if (profiles.size > MAX_READERS) profiles.delete(profiles.keys().next().value!);
  return profile;
}

async function trainProfile(db: Database, userId: string, version: string): Promise<ReaderProfile> {
  const [votes, marks] = await Promise.all([
    db.prisma.upvote.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { paperId: "asc" }], take: MAX_POSITIVES, select: { paperId: true } }),
    db.prisma.dismissal.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { paperId: "asc" }], take: MAX_POSITIVES, select: { paperId: true } }),
  ]);
  const upvoted = new Set(votes.map((vote) => vote.paperId));
  /** Each upvote's place, newest first. */
  const recency = new Map(votes.map((vote, index) => [vote.paperId, index]));
  const dismissed = new Set(marks.map((mark) => mark.paperId));
  const upvotes = await db.prisma.upvote.count({ where: { userId } });
  if (upvotes < MIN_UPVOTES) return { upvotes, model: null, liked: [], upvoted, dismissed, version };

  const [chosen, background] = await Promise.all([
    db.prisma.paper.findMany({ where: { id: { in: [...upvoted, ...dismissed] } }, select: { id: true, title: true, features: true } }),
    backgroundPapers(db),
  ]);
  const rest = background.filter((paper) => !upvoted.has(paper.id) && !dismissed.has(paper.id)).slice(0, BACKGROUND_PAPERS);
  const vectors = await vectorsOf(db, chosen);
  const examples: Example[] = [];
  const liked: LikedPaper[] = [];
  chosen.forEach((paper, index) => {
    const vector = vectors[index]!;
    if (upvoted.has(paper.id)) {
      examples.push({ vector, positive: true });
      if (recency.get(paper.id)! < LIKED_KEPT) liked.push({ id: paper.id, title: paper.title, vector });
    } else examples.push({ vector, positive: false, weight: DISMISSED_WEIGHT });
  });
  for (const paper of rest) examples.push({ vector: paper.vector, positive: false });
  return { upvotes, model: trainLogisticRegression(examples), liked, upvoted, dismissed, version };
}
