import type { ParsedQuery, SearchTerm } from "../../search/query";
import type { SearchFilters } from "../../search/sql-parts";

/** What the index holds of one token of a query (from SearchTerm, the stored tsvectors' vocabulary). */
export type TokenStats = {
  /** Lexemes PostgreSQL's english configuration makes of it: 0 for a stop word, which the index never holds. */
  lexemes: number;
  /** One of them ("types" and "type" are both "type"). */
  lexeme: string | null;
  /** Papers holding it (its rarest lexeme); for a prefix, every completion's papers summed. */
  docs: number;
  /** The share of papers holding it; for a prefix, holding any completion (assuming independence). */
  share: number;
};

/** The vocabulary's figures for a query: papers in all, `publishedAt`'s histogram (null before ANALYZE), each token's stats. */
export type SearchStats = { papers: number; dates: number[] | null; tokens: TokenStats[] };

/** One token of a query, in the order `queryTokens` lists them (SearchStats.tokens follows it). */
export type QueryToken = { token: string; prefix: boolean; term: SearchTerm };

/** Every token of the positive terms, then of the negative ones; the last token of a prefix term is a prefix. */
export function queryTokens(parsed: ParsedQuery): QueryToken[] {
  return [...parsed.positive, ...parsed.negative].flatMap((term) =>
    term.tokens.map((token, index) => ({ token, prefix: term.prefix && index === term.tokens.length - 1, term })),
  );
}

// What the work costs, in µs, measured on a million generated papers (2 cores, another
// database's ingest running on the same machine). Checking one paper against a query and
// ranking it: a heap fetch and its tsvector (~2 KB compressed, kept in the row: 1-2 µs warm,
// more when its page has to come from the OS).
const ROW_US = 3;
// GIN finding a word's papers: ~0.15 µs a posting ("network", 775k papers: 100-130 ms). Words
// ANDed with it are skipped through, each costing the least of a tree descent for each of the
// rarest word's papers and a pass over its own ("kolmogorov & network" 14 ms, "kolmogorov" 5).
const WORD_POSTING_US = 0.15;
const SKIP_US = 0.45;
const PASS_POSTING_US = 0.02;
// A prefix's completions are merged whole into a bitmap first, even when ANDed with a rare word
// ("learn:*" 283 ms; "architectur & mnist & network:*" 172 ms, mnist in 6.7k papers).
const PREFIX_POSTING_US = 0.6;
// A btree's bitmap of a date range, an entry (457k of them: 48 ms).
const DATE_ENTRY_US = 0.1;

/** Every match is checked and ranked by ts_rank when that should cost at most this... */
const EXACT_BUDGET_US = 15_000;
/** ...which is this many candidates, at most (fewer when the index costs too). */
export const EXACT_CANDIDATES = EXACT_BUDGET_US / ROW_US;
// As the estimate takes words as independent, twice as many candidates are still taken as they come.
const EXACT_CAP = 2 * EXACT_CANDIDATES;
/**
 * How many of the newest matches a common query ranks; also the most it counts. Fewer than
 * SQLite's 500: a walk checks window ÷ share papers, and at 300 a word in a tenth of them stays
 * under ~10 ms at a million papers.
 */
export const RECENT_WINDOW = 300;
/** The most papers a walk down the newest papers checks one by one (~20 ms). */
export const WALK_ROWS = 6_000;
/** The most index candidates a slice of the newest dates is sized for (~10 ms of checking)... */
const SLICE_CANDIDATES = 3_000;
// ...and the most the index may cost to find them (~25 ms: a walk that cannot fill its window costs as much).
const SLICE_INDEX_BUDGET_US = 25_000;

/**
 * The rare words (no phrases) the GIN index finds a strategy's candidates by, every one of them
 * in each match, and whether those candidates must still be checked against the whole query.
 */
export type IndexWords = { index: SearchTerm[]; recheck: boolean };

/** The candidates within the filters published since `since` (null: the filters' start), the newest `window` matches ranked. */
type Slice = { kind: "slice"; since: Date | null; window: number; complete: boolean };

/** How a search is answered. An exact ranking that meets more candidates than it expected gives way to the next strategy. */
export type Strategy =
  /** Every candidate (at most `cap`) checked and ranked: the exact order and count. */
  | ({ kind: "exact"; cap: number } & IndexWords)
  /** The newest papers within the filters, at most `rows`, checked one by one (the publishedAt index drives) until `window` match. */
  | { kind: "walk"; rows: number; window: number }
  | (Slice & IndexWords);

export type SearchPlan = {
  /** What a match satisfies: the query less the terms the index cannot hold (stop words); null when nothing is left. */
  match: ParsedQuery | null;
  /** Tried in order until one answers. */
  strategies: Strategy[];
  /** Words the search could not require (stop words: the index does not hold them), in the order typed. */
  commonWords: string[];
};

const WALK: Strategy = { kind: "walk", rows: WALK_ROWS, window: RECENT_WINDOW };

type Costed = QueryToken & TokenStats;

/** GIN's cost of finding the papers holding every one of these tokens. */
function indexCost(tokens: Costed[]): number {
  const words = tokens.filter((token) => !token.prefix).sort((a, b) => a.docs - b.docs);
  const prefixes = tokens.filter((token) => token.prefix);
  const rarest = words[0]?.docs ?? 0;
  const skipped = words.slice(1).reduce((sum, word) => sum + Math.min(SKIP_US * rarest, PASS_POSTING_US * word.docs), 0);
  return WORD_POSTING_US * rarest + skipped + prefixes.reduce((sum, token) => sum + PREFIX_POSTING_US * token.docs, 0);
}

/** Papers expected to hold every one of these tokens, assuming independence (never more than the rarest holds, never less than one). */
function together(tokens: Costed[], papers: number): number {
  const product = tokens.reduce((share, token) => share * token.share, 1);
  return Math.max(1, Math.min(papers * product, ...tokens.map((token) => token.docs)));
}

/**
 * Tokens for the index, rarest first, each added while it lowers `cost` (what it costs GIN
 * against what it saves in candidates to check) and `cost` stays finite. One lexeme each: more
 * would have the index check a phrase of them.
 */
function rarestFirst(tokens: Costed[], cost: (chosen: Costed[]) => number): Costed[] {
  const chosen: Costed[] = [];
  for (const token of tokens.filter((candidate) => candidate.lexemes === 1).sort((a, b) => a.docs - b.docs)) {
    const more = cost([...chosen, token]);
    if (Number.isFinite(more) && (chosen.length === 0 || more < cost(chosen))) chosen.push(token);
  }
  return chosen;
}

/**
 * Bounds the work of a search by the vocabulary's paper counts (SearchTerm; a term it lacks is
 * new since the last refresh, so rare). GIN costs by the postings it reads, and each paper it
 * returns costs a heap fetch and a detoasted tsvector, so it is asked only for the rarest words
 * (no phrases: GIN has no positions, so each candidate of a phrase is checked anyway), added
 * rarest first while each saves more than it costs; the other terms are checked on its
 * candidates. Then:
 *
 * - few candidates (EXACT_BUDGET_US, or cheaper than what follows): each checked and ranked, the
 *   exact ts_rank order and count;
 * - else, a dense query: the newest papers checked one by one (the publishedAt index walked
 *   back) until RECENT_WINDOW match, at most WALK_ROWS;
 * - else the candidates within the newest dates that should hold about SLICE_CANDIDATES of them
 *   (read off publishedAt's histogram), the newest RECENT_WINDOW matches ranked;
 * - else (no affordable index words, no histogram yet) the walk, however few it finds.
 *
 * Stop words are all it leaves out (the index does not hold them): the other words stay required,
 * as checking one more word on a candidate costs nothing, where SQLite's plan leaves the most
 * common words out.
 */
export function planSearch(parsed: ParsedQuery, filters: SearchFilters, stats: SearchStats): SearchPlan {
  const tokens: Costed[] = queryTokens(parsed).map((token, index) => ({ ...token, ...stats.tokens[index]! }));
  const papers = Math.max(1, stats.papers, ...tokens.map((token) => token.docs));
  const lexemes = (term: SearchTerm) => tokens.reduce((sum, token) => sum + (token.term === term ? token.lexemes : 0), 0);
  const held = (term: SearchTerm) => lexemes(term) > 0;
  const match: ParsedQuery = { positive: parsed.positive.filter(held), negative: parsed.negative.filter(held) };
  const left = new Set(tokens.filter((token) => !held(token.term)).map((token) => token.token));
  const commonWords = [...new Set(tokens.map((token) => token.token))].filter((token) => left.has(token));
  if (match.positive.length === 0) return { match: null, strategies: [WALK], commonWords };

  // Each lexeme once: a word typed twice, or two words with one stem, are one condition.
  const seen = new Set<string>();
  const positive = tokens.filter((token) => {
    const key = `${token.lexeme}${token.prefix ? ":*" : ""}`;
    if (token.term.negated || token.lexemes === 0 || seen.has(key)) return false;
    return seen.add(key);
  });
  const words = (chosen: Costed[]): IndexWords => ({
    index: chosen.map(({ token, prefix }) => ({ tokens: [token], phrase: false, negated: false, prefix })),
    // The index alone decides when each term is one lexeme it looks up, and nothing is excluded.
    recheck: match.negative.length > 0 || match.positive.some((term) => lexemes(term) > 1 || !chosen.some((token) => token.term === term)),
  });
  const exactCost = (chosen: Costed[]) => indexCost(chosen) + together(chosen, papers) * ROW_US;
  const exact = rarestFirst(positive, exactCost);

  // Papers a walk checks to fill its window, every word's share multiplied. A phrase's words
  // meet far more often than they stand together: a walk for one is taken to check all it may,
  // and its slice is as large as allowed.
  const phrase = match.positive.some((term) => lexemes(term) > 1);
  const fillRows = RECENT_WINDOW / positive.reduce((share, token) => share * token.share, 1);
  const walkRows = phrase ? Infinity : fillRows;
  const walkCost = Math.min(walkRows, WALK_ROWS) * ROW_US;
  // Index words for a slice are chosen by what filling the window would cost: the index, the
  // candidates among the papers that hold the window half again, and those papers' dates.
  const fillCost = (chosen: Costed[]) => {
    const cost = indexCost(chosen);
    const candidates = 1.5 * fillRows * (together(chosen, papers) / papers);
    return cost <= SLICE_INDEX_BUDGET_US ? cost + candidates * ROW_US + 1.5 * fillRows * DATE_ENTRY_US : Infinity;
  };
  const sliced = stats.dates ? rarestFirst(positive, fillCost) : [];
  const indexShare = together(sliced, papers) / papers;
  const wanted = phrase ? SLICE_CANDIDATES : 1.5 * fillRows * indexShare;
  const slice = sliced.length > 0 ? sliceOf(filters, stats.dates!, papers, indexShare, wanted) : null;
  const sliceCost = slice ? indexCost(sliced) + slice.papers * DATE_ENTRY_US + slice.candidates * ROW_US : Infinity;
  const sliceFirst = slice && (walkRows > WALK_ROWS || sliceCost < walkCost);
  const recent: Strategy = sliceFirst ? { ...slice.strategy, ...words(sliced) } : WALK;
  // Exact when cheap, or cheaper than the alternative (a sparse phrase's slice can span half the dates).
  const affordable = exactCost(exact) <= Math.max(EXACT_BUDGET_US, sliceFirst ? sliceCost : walkCost) && together(exact, papers) < EXACT_CAP;
  const strategies: Strategy[] = exact.length > 0 && affordable ? [{ kind: "exact", cap: EXACT_CAP, ...words(exact) }, recent] : [recent];
  return { match, strategies, commonWords };
}

/**
 * The newest dates within the filters whose papers should hold `wanted` index candidates (a share
 * `indexShare` of papers hold them), at most SLICE_CANDIDATES. Where that date lies is read off
 * publishedAt's histogram (equal numbers of papers between its bounds; papers newer than its last
 * bound, since the last ANALYZE, are in the slice too). `complete` when it reaches back past the
 * filters' start.
 */
function sliceOf(
  filters: SearchFilters,
  dates: number[],
  papers: number,
  indexShare: number,
  wanted: number,
): { strategy: Slice; papers: number; candidates: number } {
  const candidates = Math.min(SLICE_CANDIDATES, wanted);
  const share = candidates / indexShare / papers;
  const top = filters.before ? histogramRank(dates, filters.before.getTime()) : 1;
  const bottom = filters.from ? histogramRank(dates, filters.from.getTime()) : 0;
  const window = RECENT_WINDOW;
  if (top - share <= bottom) return { strategy: { kind: "slice", since: null, window, complete: true }, papers: (top - bottom) * papers, candidates };
  const since = new Date(histogramTime(dates, top - share));
  return { strategy: { kind: "slice", since, window, complete: false }, papers: share * papers, candidates };
}

/** The share of papers published before `time`, by the histogram's bounds (ascending, equal shares between them). */
function histogramRank(dates: number[], time: number): number {
  const buckets = dates.length - 1;
  if (buckets < 1 || time <= dates[0]!) return 0;
  if (time >= dates[buckets]!) return 1;
  let at = 0;
  while (dates[at + 1]! <= time) at++;
  const width = dates[at + 1]! - dates[at]!;
  return (at + (width > 0 ? (time - dates[at]!) / width : 0)) / buckets;
}

/** The time before which `share` of the papers were published: the inverse of histogramRank. */
function histogramTime(dates: number[], share: number): number {
  const buckets = dates.length - 1;
  const position = Math.min(buckets, Math.max(0, share * buckets));
  const at = Math.min(buckets - 1, Math.floor(position));
  return dates[at]! + (position - at) * (dates[at + 1]! - dates[at]!);
}
