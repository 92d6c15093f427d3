import type BetterSqlite3 from "better-sqlite3";
import { stemmer } from "stemmer";
import { prepared, sqliteDate } from "./connection";
import { toFts5Match } from "./fts5";
import { everyTermIn } from "../../search/highlight";
import type { ParsedQuery, SearchTerm } from "../../search/query";
import { filterSql, ORDER, type EngineQuery, type Matches, type SearchSort } from "../../search/sql-parts";

// Exact BM25 over every match costs ~0.5 µs a match plus a pass over each term's whole doclist
// (FTS5 counts the papers holding it first). Up to this many postings in all, that is a few
// milliseconds; beyond it (a word in most papers, a short prefix) the newest matches are ranked.
export const EXACT_POSTINGS = 4_000;
// How many of the newest matches a common query ranks; also the most it counts.
export const RECENT_WINDOW = 500;

/**
 * The most postings the terms a query must match may have in all. Walking the newest matches is
 * quick when they are many, but when the terms rarely meet FTS5 reads every doclist to its end:
 * 45 common words that no paper holds together took 0.5 s at a million papers, and mid-frequency
 * words cost ~0.1 µs a posting that way (600k postings ≈ 60 ms at worst, usually far less).
 * Terms past the budget, the most common first, are not required to match (see matchPlan).
 */
export const MATCH_BUDGET = 600_000;
// Common words may still be required past the budget while together they are in at least this
// share of papers (assuming independence), so that the newest window fills within a few thousand
// papers: "deep learning" keeps both words though both are in most papers. At most this many.
const DENSE_SHARE_TOGETHER = 0.05;
const MAX_DENSE_WORDS = 4;
// FTS5 has a prefix index for 3 letters (one doclist); a longer prefix makes it merge the whole
// doclist of every completion (~0.1-0.25 µs a posting: "comp" 0.46 s at a million papers). Past
// this many postings such a prefix is matched as its most common completions instead (a prefix
// that stems to one letter, "ied" to "i", took 1.5 s).
const PREFIX_MERGE_POSTINGS = 100_000;
const PREFIX_COMPLETIONS = 8;
const PREFIX_INDEX_LETTERS = 3;
// Completions read to pick the most common ones (a 4-letter prefix has a few thousand at most).
const COMPLETIONS_SCANNED = 20_000;

type Costed = { term: SearchTerm; postings: number; share: number; rarest: number; tokenDocs: number[] };

/**
 * What a query's terms cost, from SearchTerm (the index's vocabulary with each term's paper count;
 * a term it does not hold is new since the last refresh, so rare): `postings` sums the doclists
 * FTS5 may read (stems for words, a prefix's completions), `share` is the share of papers a word
 * is in (0 for a phrase: its own share is unknown), `rarest` its rarest word's papers. A long
 * prefix too costly to merge gets the completions to match instead.
 */
function costOf(connection: BetterSqlite3.Database, term: SearchTerm, papers: number): Costed {
  const exact = prepared(connection, `SELECT docs FROM "SearchTerm" WHERE term = ?`).pluck();
  const completions = prepared(connection, `SELECT term, docs FROM "SearchTerm" WHERE term >= ? AND term < ? LIMIT ${COMPLETIONS_SCANNED}`).raw();
  const tokenDocs: number[] = [];
  let costed = term;
  for (const [index, token] of term.tokens.entries()) {
    // FTS5's porter tokenizer stems a prefix too ("training"* looks for terms starting "train").
    const stem = stemmer(token);
    let docs = 0;
    if (term.prefix && index === term.tokens.length - 1) {
      const indexed = [...stem].length === PREFIX_INDEX_LETTERS;
      const seen: Array<[string, number]> = [];
      for (const [word, count] of completions.iterate(stem, `${stem}\u{10ffff}`) as Iterable<[string, number]>) {
        docs += count;
        if (!indexed) seen.push([word, count]);
        else if (docs >= papers) break;
      }
      if (indexed) docs = Math.min(docs, papers);
      else if (docs > PREFIX_MERGE_POSTINGS && !term.phrase) {
        // Stemming can make a prefix shorter than typed ("ied" looks for terms starting "i").
        const chosen: Array<[string, number]> = [];
        for (const completion of seen.sort((a, b) => b[1] - a[1])) {
          // Only whole stems can be matched as words (FTS5 stems a query word again).
          if (stemmer(completion[0]) === completion[0]) chosen.push(completion);
          if (chosen.length === PREFIX_COMPLETIONS) break;
        }
        costed = chosen.length > 0 ? { ...term, completions: chosen.map(([word]) => word) } : { ...term, prefix: false };
        docs =
          chosen.length > 0
            ? Math.min(
                papers,
                chosen.reduce((sum, [, count]) => sum + count, 0),
              )
            : (((exact.get(stem) ?? exact.get(token)) as number | undefined) ?? 0);
      }
    } else {
      docs = ((exact.get(stem) ?? exact.get(token)) as number | undefined) ?? 0;
    }
    tokenDocs.push(docs);
  }
  return withCosts(costed, tokenDocs, papers);
}

function withCosts(term: SearchTerm, tokenDocs: number[], papers: number): Costed {
  const postings = tokenDocs.reduce((sum, docs) => sum + docs, 0);
  const share = tokenDocs.length === 1 && papers > 0 ? Math.min(1, postings / papers) : 0;
  return { term, postings, share, rarest: tokenDocs.length > 0 ? Math.min(...tokenDocs) : 0, tokenDocs };
}

/**
 * The longest run of a phrase's words whose postings fit in `room` (of two as long, the cheaper),
 * as a phrase of its own: every paper with the whole phrase has it. Null when no word fits.
 */
function subPhrase({ term, tokenDocs }: Costed, room: number, papers: number): Costed | null {
  let best: { start: number; end: number; sum: number } | null = null;
  for (let start = 0; start < tokenDocs.length; start++) {
    let sum = 0;
    for (let end = start; end < tokenDocs.length; end++) {
      sum += tokenDocs[end]!;
      if (sum > room) break;
      const longer = !best || end - start > best.end - best.start || (end - start === best.end - best.start && sum < best.sum);
      if (longer) best = { start, end, sum };
    }
  }
  if (!best) return null;
  const tokens = term.tokens.slice(best.start, best.end + 1);
  const prefix = term.prefix && best.end === term.tokens.length - 1;
  return withCosts({ tokens, phrase: tokens.length > 1, negated: term.negated, prefix }, tokenDocs.slice(best.start, best.end + 1), papers);
}

/** The terms a search matches, their postings in all, its rarest word's papers, and the words left out. */
export type MatchPlan = { parsed: ParsedQuery; postings: number; rarest: number; left: string[] };

/**
 * Bounds the work of a query by design (better-sqlite3 cannot interrupt a statement): the
 * positive terms are required from the rarest up while their postings stay within MATCH_BUDGET,
 * and a few common words past it while together they stay dense; exclusions are applied while
 * they fit in what is left. A phrase past the budget is matched by the longest run of its words
 * that fits (a superset: every paper with the phrase has the run). The rarest term is always
 * required, if need be by its rarest word alone. What is left out is still used to rank the window
 * (title matches first) and to highlight, and is reported, as Google once said "the" was
 * ignored.
 */
export function matchPlan(connection: BetterSqlite3.Database, parsed: ParsedQuery): MatchPlan {
  const papers = (prepared(connection, `SELECT max(rowid) FROM "Paper"`).pluck().get() as number | null) ?? 0;
  const positive = parsed.positive.map((term) => costOf(connection, term, papers)).sort((a, b) => a.postings - b.postings);
  const left: string[] = [];
  const required: SearchTerm[] = [];
  let postings = 0;
  let rarest = Infinity;
  let together = 1;
  let denseWords = 0;
  for (const [index, costed] of positive.entries()) {
    let cost: Costed = costed;
    const room = MATCH_BUDGET - postings;
    if (costed.term.phrase && costed.postings > room) {
      // A phrase past the budget is matched by the longest run of its words that fits; the
      // rarest term, when no run fits, by its rarest word alone.
      const run = subPhrase(costed, index === 0 ? MATCH_BUDGET : room, papers);
      const rarestWord = () => {
        const at = costed.tokenDocs.indexOf(costed.rarest);
        const prefix = costed.term.prefix && at === costed.term.tokens.length - 1;
        return costOf(connection, { tokens: [costed.term.tokens[at]!], phrase: false, negated: false, prefix }, papers);
      };
      const chosen = run ?? (index === 0 ? rarestWord() : null);
      if (chosen) {
        const kept = new Set(chosen.term.tokens);
        left.push(...costed.term.tokens.filter((token) => !kept.has(token)));
        cost = chosen;
      }
    }
    const { term } = cost;
    const fits = index === 0 || cost.postings <= room;
    const dense = !fits && cost.share > 0 && denseWords < MAX_DENSE_WORDS && together * cost.share >= DENSE_SHARE_TOGETHER;
    if (!fits && !dense) {
      left.push(...term.tokens);
      continue;
    }
    if (dense) denseWords++;
    if (cost.share > 0) together *= cost.share;
    postings += cost.postings;
    rarest = Math.min(rarest, cost.rarest);
    required.push(term);
  }
  const negative: SearchTerm[] = [];
  for (const costed of parsed.negative.map((term) => costOf(connection, term, papers)).sort((a, b) => a.postings - b.postings)) {
    if (postings + costed.postings > MATCH_BUDGET) {
      left.push(...costed.term.tokens);
      continue;
    }
    postings += costed.postings;
    negative.push(costed.term);
  }
  // Reported in the order typed.
  const leftOut = new Set(left);
  const typed = [...new Set([...parsed.positive, ...parsed.negative].flatMap((term) => term.tokens))];
  return {
    parsed: { positive: required, negative },
    postings,
    rarest: Number.isFinite(rarest) ? rarest : 0,
    left: typed.filter((token) => leftOut.has(token)),
  };
}

/**
 * Full-text matching on SQLite with FTS5, a page of paper ids best first, on a bare connection
 * (the worker threads' own, or the app's). The query is first bounded (matchPlan). Queries whose
 * terms are rare enough are ranked by exact BM25 (title 10, authors 5, abstract 1) blended with
 * upvotes over all their matches, with an exact count. Common queries would make FTS5 score
 * most of the index; they rank the newest RECENT_WINDOW matches instead (rowids follow ingest
 * order, which is arXiv's, so the newest papers have the highest rowids): papers whose title
 * matches first, then by upvotes, then newest; their count stops at the window.
 */
export function sqliteMatchPaperIds(connection: BetterSqlite3.Database, query: EngineQuery): Matches {
  if (query.parsed.positive.length === 0) return { ids: [], total: 0, totalIsLowerBound: false };
  const plan = matchPlan(connection, query.parsed);
  const match = toFts5Match(plan.parsed)!;
  const found =
    plan.postings <= EXACT_POSTINGS
      ? exactMatches(connection, query, match)
      : query.filters.from || query.filters.before
        ? recentInDateRange(connection, query, match, plan)
        : recentMatches(connection, query, match);
  return plan.left.length > 0 ? { ...found, commonWords: plan.left } : found;
}

function exactMatches(connection: BetterSqlite3.Database, query: EngineQuery, match: string): Matches {
  const filtered = Object.values(query.filters).some((value) => value !== undefined);
  return query.sort === "relevance" && !filtered ? bestByBm25(connection, query, match) : everyMatchSorted(connection, query, match);
}

const BM25 = `bm25("paper_fts", 10.0, 5.0, 1.0)`;

/**
 * The default search: FTS5 ranks by BM25 alone and hands over the best few (four pages' worth),
 * which are then looked up, blended with upvotes and paged. The upvote blend (at most ×1.85)
 * only reorders those few. The count is the index's, less the hidden papers that match (there
 * are few hidden papers; each is one lookup).
 */
function bestByBm25(connection: BetterSqlite3.Database, query: EngineQuery, match: string): Matches {
  const wanted = Math.max(100, 4 * (query.offset + query.limit));
  // The count of all matches rides along (the sort sees every match anyway).
  const best = prepared(
    connection,
    `SELECT rowid, relevance, count(*) OVER () AS matching
     FROM (SELECT rowid, -${BM25} AS relevance FROM "paper_fts" WHERE "paper_fts" MATCH ?) ORDER BY relevance DESC LIMIT ?`,
  ).all(match, wanted) as Array<{ rowid: number; relevance: number; matching: number }>;
  // One statement for all of them (a JSON list of rowids): ~0.3 ms for 100 against ~0.9 ms one by one.
  const lookup = prepared(
    connection,
    `SELECT rowid AS rowid, "id" AS id, "publishedAt" AS published, ("importedUpvotes" + "localUpvotes") AS upvotes FROM "Paper"
     WHERE rowid IN (SELECT value FROM json_each(?)) AND +"hidden" = 0`,
  );
  type Row = { rowid: number; id: string; published: string; upvotes: number };
  const rows = new Map((lookup.all(JSON.stringify(best.map((match) => match.rowid))) as Row[]).map((row) => [row.rowid, row]));
  const ranked = best
    .flatMap(({ rowid, relevance }) => (rows.has(rowid) ? [{ relevance, ...rows.get(rowid)! }] : []))
    .map((paper) => ({ ...paper, score: paper.relevance * (1 + 0.1 * Math.log1p(paper.upvotes)) }))
    .sort((a, b) => b.score - a.score || (a.published < b.published ? 1 : a.published > b.published ? -1 : a.id < b.id ? -1 : 1));
  const matching = best[0]?.matching ?? 0;
  const hiddenMatching = prepared(
    connection,
    `SELECT count(*) FROM "Paper" p WHERE p."hidden" = 1 AND EXISTS (SELECT 1 FROM "paper_fts" WHERE "paper_fts" MATCH ? AND rowid = p.rowid)`,
  )
    .pluck()
    .get(match) as number;
  return { ids: ranked.slice(query.offset, query.offset + query.limit).map((paper) => paper.id), total: matching - hiddenMatching, totalIsLowerBound: false };
}

/** Another sort or a filter: every match is joined to its row and sorted in SQL, with the count. */
function everyMatchSorted(connection: BetterSqlite3.Database, query: EngineQuery, match: string): Matches {
  const params: unknown[] = [match];
  const filters = filterSql(query.filters, params, () => "?", sqliteDate);
  // CROSS JOIN fixes the join order: the FTS index drives and Paper is looked up by rowid.
  const hits = `SELECT p."id" AS id, p."publishedAt" AS published, (p."importedUpvotes" + p."localUpvotes") AS upvotes, -${BM25} AS relevance
    FROM "paper_fts" CROSS JOIN "Paper" p ON p.rowid = "paper_fts".rowid
    WHERE "paper_fts" MATCH ? AND p."hidden" = 0${filters}`;
  // The count rides along with the page (the sort sees every match anyway); a page past the end has no rows to carry it.
  const rows = prepared(connection, `SELECT id, count(*) OVER () AS total FROM (${hits}) ORDER BY ${ORDER[query.sort]} LIMIT ? OFFSET ?`).all(
    ...params,
    query.limit,
    query.offset,
  ) as Array<{ id: string; total: number }>;
  const total =
    rows[0]?.total ??
    (prepared(connection, `SELECT count(*) FROM (${hits})`)
      .pluck()
      .get(...params) as number);
  return { ids: rows.map((row) => row.id), total, totalIsLowerBound: false };
}

type Candidate = { rowid: number; id: string; title: string; published: string; upvotes: number };

const CANDIDATE_COLUMNS = `p.rowid AS rowid, p."id" AS id, p."title" AS title, p."publishedAt" AS published, (p."importedUpvotes" + p."localUpvotes") AS upvotes`;

function recentMatches(connection: BetterSqlite3.Database, query: EngineQuery, match: string): Matches {
  const params: unknown[] = [match];
  const filters = filterSql(query.filters, params, () => "?", sqliteDate);
  // FTS5 walks a doclist backwards from its end for ORDER BY rowid DESC LIMIT (~1 ms for a word in
  // every paper); a rowid range (rowid >= ?) is no shortcut: it reads the doclist from the start.
  const candidates = prepared(
    connection,
    `SELECT ${CANDIDATE_COLUMNS} FROM "paper_fts" CROSS JOIN "Paper" p ON p.rowid = "paper_fts".rowid
     WHERE "paper_fts" MATCH ? AND p."hidden" = 0${filters} ORDER BY "paper_fts".rowid DESC LIMIT ?`,
  ).all(...params, RECENT_WINDOW) as Candidate[];
  return rankCandidates(query, candidates, candidates.length === RECENT_WINDOW);
}

// A date range of a common query is read from the papers' side when at least this share of
// papers match (then ~RECENT_WINDOW / share papers are tested), and at most DATE_SCAN papers:
// each test costs 25-40 µs (FTS5 sets the whole query up again for each), so ~100 ms at most.
const DENSE_SHARE = 0.05;
const DATE_SCAN = 2_500;
// Each test costs more the more words it is for: past this many, fewer papers are tested.
const DATE_SCAN_WORDS = 2;

/**
 * A common query within dates. Walking the matches back from the newest (recentMatches) would
 * pass every newer match first: 1.9 s for "the" in 2020 at a million papers. When the query is
 * dense, the range's newest DATE_SCAN papers (publishedAt index) are tested one by one against
 * the index instead; when it is not, the walk is short anyway.
 */
function recentInDateRange(connection: BetterSqlite3.Database, query: EngineQuery, match: string, plan: MatchPlan): Matches {
  const papers = prepared(connection, `SELECT max(rowid) FROM "Paper"`).pluck().get() as number;
  if (plan.rarest < DENSE_SHARE * papers) return recentMatches(connection, query, match);
  const words = [...plan.parsed.positive, ...plan.parsed.negative].reduce((sum, term) => sum + term.tokens.length, 0);
  const scan = Math.max(RECENT_WINDOW, Math.floor((DATE_SCAN * DATE_SCAN_WORDS) / Math.max(words, DATE_SCAN_WORDS)));
  const params: unknown[] = [];
  // The unary + keeps the planner on the publishedAt index rather than the (hidden, feedDate) one.
  const inRange = `FROM "Paper" p WHERE +p."hidden" = 0${filterSql(query.filters, params, () => "?", sqliteDate)}`;
  const candidates = prepared(
    connection,
    `SELECT ${CANDIDATE_COLUMNS}
     FROM (SELECT p.rowid AS newest ${inRange} ORDER BY p."publishedAt" DESC LIMIT ?) CROSS JOIN "Paper" p ON p.rowid = newest
     WHERE EXISTS (SELECT 1 FROM "paper_fts" WHERE "paper_fts" MATCH ? AND rowid = p.rowid) LIMIT ?`,
  ).all(...params, scan, match, RECENT_WINDOW) as Candidate[];
  const rangeIsLonger = prepared(connection, `SELECT 1 ${inRange} ORDER BY p."publishedAt" DESC LIMIT 1 OFFSET ?`).get(...params, scan) !== undefined;
  return rankCandidates(query, candidates, candidates.length === RECENT_WINDOW || rangeIsLonger);
}

/** Ranks a window of matches: title matches first, then upvotes, then newest (or as sorted). */
function rankCandidates(query: EngineQuery, candidates: Candidate[], moreExist: boolean): Matches {
  // Which of them match in the title, tested on the titles at hand: asking FTS5 ({title} : …)
  // would read the terms' whole doclists again.
  const inTitle = everyTermIn(query.parsed);
  const relevance = (candidate: Candidate) => (inTitle(candidate.title) ? 2 : 1) * (1 + 0.1 * Math.log1p(candidate.upvotes));
  const scores = new Map(candidates.map((candidate) => [candidate, relevance(candidate)]));
  const byRelevance = (a: Candidate, b: Candidate) => scores.get(b)! - scores.get(a)!;
  const newest = (a: Candidate, b: Candidate) => (a.published < b.published ? 1 : a.published > b.published ? -1 : a.id < b.id ? -1 : 1);
  const order: Record<SearchSort, (a: Candidate, b: Candidate) => number> = {
    relevance: (a, b) => byRelevance(a, b) || newest(a, b),
    upvotes: (a, b) => b.upvotes - a.upvotes || byRelevance(a, b) || newest(a, b),
    newest: (a, b) => newest(a, b) || byRelevance(a, b),
  };
  const ranked = candidates.sort(order[query.sort]);
  return {
    ids: ranked.slice(query.offset, query.offset + query.limit).map((candidate) => candidate.id),
    total: candidates.length,
    totalIsLowerBound: moreExist,
  };
}
