import type { Database } from "../db/database";
import { decodeFeatures } from "./features";
import { inverseDocumentFrequency, termName, termNumber, tfidfVector, type SparseVector, type TermEntries } from "./vectors";

// Document frequencies come from the search vocabulary (SearchTerm: every index term with its
// paper count, kept up by ingest). They move slowly, so each process keeps the ones it has
// looked up for 10 minutes rather than asking the database on every ranking, and with them the
// vectors it made: a reader's next ranking (after a vote) mostly scores the same papers, and
// decoding their features was a fifth of its time at a million papers.

const KEEP_FOR_MS = 10 * 60_000;
/** Terms remembered at most (a large corpus's vocabulary: tens of MB); a ranking touches tens of thousands. */
const MAX_TERMS = 1_000_000;
/** Vectors kept (least recently used out first): ~1.7 KB each with the features they were made from. */
const VECTORS_KEPT = 10_000;

type Known = {
  url: string;
  at: number;
  papers: number;
  /** Paper counts by term number (null: not in the vocabulary). */
  frequencies: Map<number, number | null>;
  /** By paper id, with the features text each was made from (a paper's text can change). */
  vectors: Map<string, { features: string; vector: SparseVector }>;
};
let known: Known | null = null;

async function current(db: Database): Promise<Known> {
  if (!known || known.url !== db.url || Date.now() - known.at > KEEP_FOR_MS || known.frequencies.size > MAX_TERMS) {
    known = { url: db.url, at: Date.now(), papers: await db.prisma.paper.count(), frequencies: new Map(), vectors: new Map() };
  }
  return known;
}

/** The IDF of every term (by number) of these papers' term weights, looked up once per 10 minutes. */
async function idfOf(db: Database, kept: Known, papers: TermEntries[]): Promise<(term: number) => number> {
  const { frequencies, papers: count } = kept;
  const missing = new Set<number>();
  for (const entries of papers) for (const [term] of entries) if (!frequencies.has(term)) missing.add(term);
  if (missing.size > 0) {
    const found = await db.store.search.termFrequencies([...missing].map(termName));
    for (const term of missing) frequencies.set(term, found.get(termName(term)) ?? null);
  }
  return (term) => inverseDocumentFrequency(count, frequencies.get(term) ?? undefined);
}

/** The unit TF-IDF vectors of papers' stored features, in order. */
export async function vectorsOf(db: Database, papers: ReadonlyArray<{ id: string; features: string }>): Promise<SparseVector[]> {
  const kept = await current(db);
  const vectors: SparseVector[] = new Array(papers.length);
  const made: number[] = [];
  papers.forEach((paper, index) => {
    const hit = kept.vectors.get(paper.id);
    if (hit?.features === paper.features) {
      kept.vectors.delete(paper.id);
      kept.vectors.set(paper.id, hit);
      vectors[index] = hit.vector;
    } else made.push(index);
  });
  const weights = made.map((index): TermEntries => [...decodeFeatures(papers[index]!.features)].map(([term, weight]) => [termNumber(term), weight]));
  const idf = await idfOf(db, kept, weights);
  made.forEach((index, at) => {
    const { id, features } = papers[index]!;
    vectors[index] = tfidfVector(weights[at]!, idf);
    kept.vectors.set(id, { features, vector: vectors[index] });
  });
  while (kept.vectors.size > VECTORS_KEPT) kept.vectors.delete(kept.vectors.keys().next().value!);
  return vectors;
}
