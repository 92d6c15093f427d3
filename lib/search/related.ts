import { stemmer } from "stemmer";
import { cachedAnswer } from "../cache/answer-cache";
import type { Database } from "../db/database";
import { papersInOrder } from "../papers/queries";
import type { PaperView } from "../papers/view";
import { vectorsOf } from "../recs/idf";
import { dot } from "../recs/vectors";
import { searchTokens } from "./query";

const QUERY_TERMS = 10;
/** The lexical matches the cosine ranks: enough that the best by cosine is almost always among them. */
const CANDIDATES = 60;
// Ranking costs ~0.5 µs for each paper holding any of the terms, and a paper whose words are all
// common would rank most of the index (1.9 s for ten of them at a million papers): the terms are
// taken, most distinctive first, while the papers holding them stay within this many.
const RELATED_POSTINGS = 20_000;

/**
 * The papers most similar in text to one paper. Candidates come from a query of its most
 * distinctive terms (those fewest other papers share, title words counted as three times as
 * distinctive), matched like any search, the paper itself left out; they are then ranked by the
 * cosine of their TF-IDF vectors (lib/recs/, the features For you ranks by), which weighs every
 * shared word by how rare it is instead of BM25's few query terms. Without features (a paper
 * stored before them, not yet filled), the lexical order stands.
 */
export async function relatedPapers(db: Database, paper: PaperView, limit = 5): Promise<PaperView[]> {
  return cachedAnswer(db, `relatedPapers ${paper.id} ${limit}`, () => findRelatedPapers(db, paper, limit));
}

async function findRelatedPapers(db: Database, paper: PaperView, limit: number): Promise<PaperView[]> {
  const candidates = await lexicalRelatedIds(db, paper, CANDIDATES);
  return papersInOrder(db, await byCosine(db, paper.id, candidates, limit));
}

/** The lexical stage alone, best first by the search engine's rank (what related papers were before the cosine; npm run eval:recs compares them). */
export async function lexicalRelatedIds(db: Database, paper: PaperView, limit: number): Promise<string[]> {
  const titleStems = new Set(searchTokens(paper.title).map((token) => stemmer(token)));
  const stems = new Set([...titleStems, ...searchTokens(paper.abstract).map((token) => stemmer(token))]);
  const docs = await db.store.search.termFrequencies([...stems]);
  const distinctive = [...docs]
    // A term only this paper has finds nothing else; one in most papers says nothing.
    .filter(([, count]) => count >= 2)
    .map(([term, count]) => ({ term, weight: count / (titleStems.has(term) ? 3 : 1) }))
    .sort((a, b) => a.weight - b.weight)
    .slice(0, QUERY_TERMS);
  const chosen = termsWithinPostings(
    distinctive.map((entry) => entry.term),
    docs,
    RELATED_POSTINGS,
  );
  if (chosen.length === 0) return [];
  return db.store.search.related({ terms: chosen, excludeId: paper.id, limit });
}

/**
 * The terms to query, in the order given, while the papers holding them stay within `postings`
 * (what the query costs); only index terms that are words, since anything else could be read as
 * query syntax by an engine.
 */
export function termsWithinPostings(terms: string[], docs: ReadonlyMap<string, number>, postings: number): string[] {
  let total = 0;
  return terms.filter((term) => /^\p{L}+$/u.test(term) && docs.has(term) && (total += docs.get(term)!) <= postings);
}

/** The candidates nearest the paper by the cosine of their TF-IDF vectors, best first; the lexical order for those without features. */
async function byCosine(db: Database, paperId: string, candidates: string[], limit: number): Promise<string[]> {
  const rows = await db.prisma.paper.findMany({ where: { id: { in: [paperId, ...candidates] } }, select: { id: true, features: true } });
  const features = new Map(rows.map((row) => [row.id, row.features]));
  if (!features.get(paperId)) return candidates.slice(0, limit);
  const ids = [paperId, ...candidates.filter((id) => features.get(id))];
  const [vector, ...others] = await vectorsOf(
    db,
    ids.map((id) => ({ id, features: features.get(id)! })),
  );
  return ids
    .slice(1)
    .map((id, index) => ({ id, similarity: dot(vector!, others[index]!), lexical: index }))
    .sort((a, b) => b.similarity - a.similarity || a.lexical - b.lexical)
    .slice(0, limit)
    .map((entry) => entry.id);
}
