import { stemmer } from "stemmer";
import type { Database } from "../db/database";
import { prepared, sqliteDate } from "../db/sqlite-connection";
import { toFts5Match } from "./fts5";
import { everyTermIn } from "./highlight";
import type { ParsedQuery } from "./query";
import { filterSql, ORDER, type EngineQuery, type Matches, type SearchSort } from "./sql-parts";

// Exact BM25 over every match costs ~0.5 µs a match plus a pass over each term's whole doclist
// (FTS5 counts the papers holding it first). Up to this many postings in all, that is a few
// milliseconds; beyond it (a word in most papers, a short prefix) the newest matches are ranked.
export const EXACT_POSTINGS = 4_000;
// How many of the newest matches a common query ranks; also the most it counts.
export const RECENT_WINDOW = 500;

/**
 * How many postings a query's terms have in all, and how many the rarest term has, from
 * SearchTerm (the index's vocabulary with each term's paper count): stems for words, the sum over
 * completions for a prefix. A term the vocabulary does not hold is new since the last refresh,
 * so rare.
 */
function postings(db: Database, parsed: ParsedQuery): { total: number; rarest: number } {
  const connection = db.sqlite();
  const exact = prepared(connection, `SELECT docs FROM "SearchTerm" WHERE term = ?`).pluck();
  const completions = prepared(connection, `SELECT docs FROM "SearchTerm" WHERE term >= ? AND term < ?`).pluck();
  let total = 0;
  let rarest = Infinity;
  for (const term of parsed.positive) {
    for (const [index, token] of term.tokens.entries()) {
      // FTS5's porter tokenizer stems a prefix too ("training"* looks for terms starting "train").
      const stem = stemmer(token);
      let docs = 0;
      if (term.prefix && index === term.tokens.length - 1) {
        for (const count of completions.iterate(stem, `${stem}\uffff`) as Iterable<number>) {
          docs += count;
          // Enough to know the query is not cheap: a short prefix has thousands of completions.
          if (docs > EXACT_POSTINGS) break;
        }
      } else {
        docs = ((exact.get(stem) ?? exact.get(token)) as number | undefined) ?? 0;
      }
      total += docs;
      rarest = Math.min(rarest, docs);
    }
  }
  return { total, rarest: Number.isFinite(rarest) ? rarest : 0 };
}

/**
 * Full-text matching on SQLite with FTS5, a page of paper ids best first. Queries whose terms
 * are rare enough are ranked by exact BM25 (title 10, authors 5, abstract 1) blended with
 * upvotes over all their matches, with an exact count. Common queries would make FTS5 score
 * most of the index; they rank the newest RECENT_WINDOW matches instead (rowids follow ingest
 * order, which is arXiv's, so the newest papers have the highest rowids): papers whose title
 * matches first, then by upvotes, then newest; their count stops at the window.
 */
export function sqliteMatchPaperIds(db: Database, query: EngineQuery): Matches {
  const match = toFts5Match(query.parsed);
  if (!match) return { ids: [], total: 0, totalIsLowerBound: false };
  const counts = postings(db, query.parsed);
  if (counts.total <= EXACT_POSTINGS) return exactMatches(db, query, match);
  return query.filters.from || query.filters.before ? recentInDateRange(db, query, match, counts.rarest) : recentMatches(db, query, match);
}

function exactMatches(db: Database, query: EngineQuery, match: string): Matches {
  const filtered = Object.values(query.filters).some((value) => value !== undefined);
  return query.sort === "relevance" && !filtered ? bestByBm25(db, query, match) : everyMatchSorted(db, query, match);
}

const BM25 = `bm25("paper_fts", 10.0, 5.0, 1.0)`;

/**
 * The default search: FTS5 ranks by BM25 alone and hands over the best few (four pages' worth),
 * which are then looked up, blended with upvotes and paged. The upvote blend (at most ×1.85)
 * only reorders those few. The count is the index's, less the hidden papers that match (there
 * are few hidden papers; each is one lookup).
 */
function bestByBm25(db: Database, query: EngineQuery, match: string): Matches {
  const connection = db.sqlite();
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
  ).pluck().get(match) as number;
  return { ids: ranked.slice(query.offset, query.offset + query.limit).map((paper) => paper.id), total: matching - hiddenMatching, totalIsLowerBound: false };
}

/** Another sort or a filter: every match is joined to its row and sorted in SQL, with the count. */
function everyMatchSorted(db: Database, query: EngineQuery, match: string): Matches {
  const params: unknown[] = [match];
  const filters = filterSql(query.filters, params, () => "?", sqliteDate);
  // CROSS JOIN fixes the join order: the FTS index drives and Paper is looked up by rowid.
  const hits = `SELECT p."id" AS id, p."publishedAt" AS published, (p."importedUpvotes" + p."localUpvotes") AS upvotes, -${BM25} AS relevance
    FROM "paper_fts" CROSS JOIN "Paper" p ON p.rowid = "paper_fts".rowid
    WHERE "paper_fts" MATCH ? AND p."hidden" = 0${filters}`;
  const connection = db.sqlite();
  // The count rides along with the page (the sort sees every match anyway); a page past the end has no rows to carry it.
  const rows = prepared(connection, `SELECT id, count(*) OVER () AS total FROM (${hits}) ORDER BY ${ORDER[query.sort]} LIMIT ? OFFSET ?`).all(
    ...params,
    query.limit,
    query.offset,
  ) as Array<{ id: string; total: number }>;
  const total = rows[0]?.total ?? (prepared(connection, `SELECT count(*) FROM (${hits})`).pluck().get(...params) as number);
  return { ids: rows.map((row) => row.id), total, totalIsLowerBound: false };
}

type Candidate = { rowid: number; id: string; title: string; published: string; upvotes: number };

const CANDIDATE_COLUMNS = `p.rowid AS rowid, p."id" AS id, p."title" AS title, p."publishedAt" AS published, (p."importedUpvotes" + p."localUpvotes") AS upvotes`;

function recentMatches(db: Database, query: EngineQuery, match: string): Matches {
  const params: unknown[] = [match];
  const filters = filterSql(query.filters, params, () => "?", sqliteDate);
  // FTS5 walks a doclist backwards from its end for ORDER BY rowid DESC LIMIT (~1 ms for a word in
  // every paper); a rowid range (rowid >= ?) is no shortcut: it reads the doclist from the start.
  const candidates = prepared(
    db.sqlite(),
    `SELECT ${CANDIDATE_COLUMNS} FROM "paper_fts" CROSS JOIN "Paper" p ON p.rowid = "paper_fts".rowid
     WHERE "paper_fts" MATCH ? AND p."hidden" = 0${filters} ORDER BY "paper_fts".rowid DESC LIMIT ?`,
  ).all(...params, RECENT_WINDOW) as Candidate[];
  return rankCandidates(query, candidates, candidates.length === RECENT_WINDOW);
}

// A date range of a common query is read from the papers' side when at least this share of
// papers match (then ~RECENT_WINDOW / share papers are tested), and at most DATE_SCAN papers.
const DENSE_SHARE = 0.05;
const DATE_SCAN = 5_000;

/**
 * A common query within dates. Walking the matches back from the newest (recentMatches) would
 * pass every newer match first: 1.9 s for "the" in 2020 at a million papers. When the query is
 * dense, the range's newest DATE_SCAN papers (publishedAt index) are tested one by one against
 * the index instead (~25 µs each); when it is not, the walk is short anyway.
 */
function recentInDateRange(db: Database, query: EngineQuery, match: string, rarest: number): Matches {
  const connection = db.sqlite();
  const papers = prepared(connection, `SELECT max(rowid) FROM "Paper"`).pluck().get() as number;
  if (rarest < DENSE_SHARE * papers) return recentMatches(db, query, match);
  const params: unknown[] = [];
  // The unary + keeps the planner on the publishedAt index rather than the (hidden, feedDate) one.
  const inRange = `FROM "Paper" p WHERE +p."hidden" = 0${filterSql(query.filters, params, () => "?", sqliteDate)}`;
  const candidates = prepared(
    connection,
    `SELECT ${CANDIDATE_COLUMNS}
     FROM (SELECT p.rowid AS newest ${inRange} ORDER BY p."publishedAt" DESC LIMIT ?) CROSS JOIN "Paper" p ON p.rowid = newest
     WHERE EXISTS (SELECT 1 FROM "paper_fts" WHERE "paper_fts" MATCH ? AND rowid = p.rowid) LIMIT ?`,
  ).all(...params, DATE_SCAN, match, RECENT_WINDOW) as Candidate[];
  const rangeIsLonger = prepared(connection, `SELECT 1 ${inRange} ORDER BY p."publishedAt" DESC LIMIT 1 OFFSET ?`).get(...params, DATE_SCAN) !== undefined;
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
