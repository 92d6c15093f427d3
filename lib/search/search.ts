import { cachedAnswer } from "../cache/answer-cache";
import type { Database } from "../db/database";
import { papersInOrder } from "../papers/queries";
import type { PaperView } from "../papers/view";
import { highlight, snippet } from "./highlight";
import { parseSearchQuery, type ParsedQuery } from "./query";
import type { SearchFilters, SearchSort } from "./sql-parts";
import { settleLastWord, suggestCorrection } from "./vocabulary";

export type SearchHit = { paper: PaperView; titleHtml: string; snippetHtml: string };

export type SearchResults = {
  query: string;
  hits: SearchHit[];
  total: number;
  /** A query found in most papers counts its newest matches only: `total` is then "at least". */
  totalIsLowerBound: boolean;
  /** A spelling that finds more, offered as "did you mean". */
  suggestion: string | null;
  /** Set when nothing matched `query` and the hits are those of the suggestion instead. */
  correctedFrom: string | null;
  /** Words past the limit of SEARCH_MAX_WORDS, which the search did not read ("only the first 12 words are searched"). */
  ignoredWords: string[];
  /** Words in so many papers that matches were not required to hold them (nor, excluded, to lack them). */
  commonWords: string[];
};

export type SearchOptions = { q: string; filters?: SearchFilters; sort?: SearchSort; page?: number; limit?: number };

// Fewer hits than this and a better spelling is worth offering.
const FEW_HITS = 3;

/**
 * The one search function behind the page, the JSON API and the suggestions: parse (no input
 * can reach SQL syntax; over 250 characters is a ValidationError; only the first
 * SEARCH_MAX_WORDS words count, the rest are listed in `ignoredWords`), match in the database's
 * full-text index, fetch the page of papers, highlight on escaped text. When a query finds
 * little, the index's vocabulary offers a correction; when it finds nothing, the corrected
 * query's results are shown instead.
 */
export async function searchPapers(db: Database, options: SearchOptions): Promise<SearchResults> {
  // The same search again, with nothing written since, is answered from memory (the header's
  // suggestions ask for each prefix as it is typed; common searches come back all the time).
  return cachedAnswer(db, `searchPapers ${JSON.stringify(options)}`, () => search(db, options));
}

async function search(db: Database, options: SearchOptions): Promise<SearchResults> {
  const parsed = await settleLastWord(db, parseSearchQuery(options.q));
  const run = (query: ParsedQuery) =>
    db.store.search.match({
      parsed: query,
      filters: options.filters ?? {},
      sort: options.sort ?? "relevance",
      limit: options.limit ?? 20,
      offset: (options.page ?? 0) * (options.limit ?? 20),
    });
  let used = parsed;
  let found = await run(parsed);
  let suggestion: string | null = null;
  let correctedFrom: string | null = null;
  if (found.total < FEW_HITS && parsed.positive.length > 0) {
    suggestion = await suggestCorrection(db, parsed);
    if (suggestion && found.total === 0) {
      const corrected = await settleLastWord(db, parseSearchQuery(suggestion));
      const retry = await run(corrected);
      if (retry.total > 0) {
        used = corrected;
        found = retry;
        correctedFrom = options.q;
      }
    }
  }
  const papers = await papersInOrder(db, found.ids);
  return {
    query: correctedFrom ? suggestion! : options.q,
    hits: papers.map((paper) => ({
      paper,
      titleHtml: highlight(paper.title, used),
      snippetHtml: snippet(paper.abstract, used),
    })),
    total: found.total,
    totalIsLowerBound: found.totalIsLowerBound,
    suggestion: correctedFrom ? null : suggestion,
    correctedFrom,
    ignoredWords: used.ignored ?? [],
    commonWords: found.commonWords ?? [],
  };
}
