import { stemmer } from "stemmer";
import { cachedAnswer } from "../cache/answer-cache";
import type { Database } from "../db/database";
import { papersInOrder } from "../papers/queries";
import type { PaperView } from "../papers/view";
import { searchTokens } from "./query";

const QUERY_TERMS = 10;
// Ranking costs ~0.5 µs for each paper holding any of the terms, and a paper whose words are all
// common would rank most of the index (1.9 s for ten of them at a million papers): the terms are
// taken, most distinctive first, while the papers holding them stay within this many.
const RELATED_POSTINGS = 20_000;

/**
 * The papers most similar in text to one paper: a query of its most distinctive terms (those
 * fewest other papers share, title words counted as three times as distinctive), matched like
 * any search, the paper itself left out.
 */
export async function relatedPapers(db: Database, paper: PaperView, limit = 5): Promise<PaperView[]> {
  return cachedAnswer(db, `relatedPapers ${paper.id} ${limit}`, () => findRelatedPapers(db, paper, limit));
}

async function findRelatedPapers(db: Database, paper: PaperView, limit: number): Promise<PaperView[]> {
  const titleStems = new Set(searchTokens(paper.title).map((token) => stemmer(token)));
  const stems = new Set([...titleStems, ...searchTokens(paper.abstract).map((token) => stemmer(token))]);
  const docs = await db.store.search.termFrequencies([...stems]);
  const distinctive = [...docs]
    // A term only this paper has finds nothing else; one in most papers says nothing.
    .filter(([, count]) => count >= 2)
    .map(([term, count]) => ({ term, weight: count / (titleStems.has(term) ? 3 : 1) }))
    .sort((a, b) => a.weight - b.weight)
    .slice(0, QUERY_TERMS);
  let postings = 0;
  const chosen = distinctive
    // Index terms that are words: anything else could be read as query syntax by an engine.
    .filter(({ term }) => /^\p{L}+$/u.test(term))
    .filter(({ term }) => (postings += docs.get(term)!) <= RELATED_POSTINGS)
    .map((entry) => entry.term);
  if (chosen.length === 0) return [];
  return papersInOrder(db, await db.store.search.related({ terms: chosen, excludeId: paper.id, limit }));
}
