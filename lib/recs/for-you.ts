import { cachedAnswer } from "../cache/answer-cache";
import type { Database } from "../db/database";
import type { Period } from "../papers/period";
import { listTrending, papersInOrder } from "../papers/queries";
import type { PaperView } from "../papers/view";
import { searchTokens } from "../search/query";
import { termsWithinPostings } from "../search/related";
import { termOf } from "./features";
import { vectorsOf } from "./idf";
import { score, strongestTerms } from "./model";
import { MIN_UPVOTES, readerProfile, type ReaderProfile } from "./reader";
import { dot, strongestShared, type SparseVector } from "./vectors";

// For you: a period's papers in the reader's order (lib/recs/reader.ts has their model). A
// period of up to ALL_FROM papers is scored whole, a dot product each. A longer one (a month at
// a million papers holds ~12,000) is narrowed first: the papers the full-text index finds for
// the model's strongest terms, with the period's most upvoted, are scored exactly.

const SCORE_ALL_UP_TO = 2_000;
const CANDIDATES_BY_TERMS = 600;
const CANDIDATES_BY_UPVOTES = 200;
/** The model's strongest terms the full-text index is asked for, taken while the papers holding them stay within CANDIDATE_POSTINGS. */
const QUERY_TERMS = 24;
// The index ranks every paper holding a term, in the whole corpus, before the period narrows
// them: ~0.5 µs each, so common terms (a model's strongest often are) are left out past this.
const CANDIDATE_POSTINGS = 60_000;
export type ForYouPick = {
  paper: PaperView;
  /** The upvoted paper it is most like, to say why. */
  like: { id: string; title: string } | null;
  /** Its words the model likes most, as written in the paper. */
  words: string[];
};

export type ForYouAnswer =
  | { status: "ranked"; picks: ForYouPick[] }
  /** Too few upvotes to learn from: how many more it takes, and trending meanwhile. */
  | { status: "needs-upvotes"; upvotes: number; needed: number; trending: PaperView[] };

/**
 * The period's papers best first for this reader, at most `limit`; never one they marked "not
 * interested", nor (with `unseen`) one they upvoted. Kept per data version and reader state.
 */
export async function forYou(db: Database, options: { userId: string; period: Period; limit: number; unseen: boolean }): Promise<ForYouAnswer> {
  const profile = await readerProfile(db, options.userId);
  if (!profile.model) {
    return {
      status: "needs-upvotes",
      upvotes: profile.upvotes,
      needed: MIN_UPVOTES - profile.upvotes,
      trending: await listTrending(db, { limit: options.limit }),
    };
  }
  const { period, limit, unseen } = options;
  const key = `forYou ${options.userId} ${profile.version} ${period.start.toISOString()} ${period.end.toISOString()} ${limit} ${unseen}`;
  return cachedAnswer(db, key, async () => ({ status: "ranked" as const, picks: await rank(db, profile, period, limit, unseen) }));
}

async function rank(db: Database, profile: ReaderProfile, period: Period, limit: number, unseen: boolean): Promise<ForYouPick[]> {
  const model = profile.model!;
  const inPeriod = { hidden: false, feedDate: { gte: period.start, lt: period.end } };
  const count = await db.prisma.paper.count({ where: inPeriod });
  const rows =
    count <= SCORE_ALL_UP_TO
      ? await db.prisma.paper.findMany({ where: inPeriod, select: { id: true, features: true } })
      : await candidates(db, profile, period);
  const shown = rows.filter((row) => !profile.dismissed.has(row.id) && !(unseen && profile.upvoted.has(row.id)));
  const vectors = await vectorsOf(db, shown);
  const scored = shown
    .map((row, index) => ({ id: row.id, vector: vectors[index]!, score: score(model, vectors[index]!) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
  const papers = await papersInOrder(
    db,
    scored.map((entry) => entry.id),
  );
  return papers.map((paper, index) => ({ paper, ...why(profile, paper, scored[index]!.vector) }));
}

/** The papers of a long period worth scoring: found by the model's strongest terms, and the most upvoted. */
async function candidates(db: Database, profile: ReaderProfile, period: Period): Promise<Array<{ id: string; features: string }>> {
  const strongest = strongestTerms(profile.model!, QUERY_TERMS);
  const terms = termsWithinPostings(strongest, await db.store.search.termFrequencies(strongest), CANDIDATE_POSTINGS);
  const [byTerms, byUpvotes] = await Promise.all([
    terms.length ? db.store.search.related({ terms, excludeId: "", limit: CANDIDATES_BY_TERMS, feedFrom: period.start, feedBefore: period.end }) : [],
    db.prisma.paper.findMany({
      where: { hidden: false, feedDate: { gte: period.start, lt: period.end } },
      orderBy: [{ importedUpvotes: "desc" }, { id: "asc" }],
      take: CANDIDATES_BY_UPVOTES,
      select: { id: true },
    }),
  ]);
  const ids = [...new Set([...byTerms, ...byUpvotes.map((row) => row.id)])];
  return db.prisma.paper.findMany({ where: { id: { in: ids } }, select: { id: true, features: true } });
}

/** Why a paper is suggested: the upvoted paper nearest it, and its words the model weighs most. */
function why(profile: ReaderProfile, paper: PaperView, vector: SparseVector): Omit<ForYouPick, "paper"> {
  let like: ForYouPick["like"] = null;
  let best = 0;
  for (const liked of profile.liked) {
    if (liked.id === paper.id) continue;
    const similarity = dot(liked.vector, vector);
    if (similarity > best) [best, like] = [similarity, { id: liked.id, title: liked.title }];
  }
  return { like, words: surfaceWords(paper, strongestShared(profile.model!.weights, vector, 3)) };
}

/** For each stem, a word of the paper that stems to it, as the paper writes it (the title's first). */
function surfaceWords(paper: PaperView, stems: string[]): string[] {
  const words = [...searchTokens(paper.title), ...searchTokens(paper.abstract)];
  return stems.map((stem) => words.find((word) => termOf(word) === stem) ?? stem);
}
