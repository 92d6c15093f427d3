import type { Database } from "../db/database";
import { decodeFeatures } from "./features";
import { inverseDocumentFrequency, termNumber, tfidfVector, type SparseVector } from "./vectors";

// Document frequencies come from the search vocabulary (SearchTerm: every index term with its
// paper count, kept up by ingest). They move slowly, so each process keeps the ones it has
// looked up for 10 minutes rather than asking the database on every ranking.

const KEEP_FOR_MS = 10 * 60_000;
/** Terms remembered at most (a large corpus's vocabulary: tens of MB); a ranking touches tens of thousands. */
const MAX_TERMS = 1_000_000;

/** Paper counts by term number (null: not in the vocabulary). */
type Known = { url: string; at: number; papers: number; frequencies: Map<number, number | null> };
let known: Known | null = null;

/** The IDF of every term asked for, looked up once per 10 minutes. */
export async function idfOf(db: Database, terms: Iterable<string>): Promise<(term: string) => number> {
  if (!known || known.url !== db.url || Date.now() - known.at > KEEP_FOR_MS || known.frequencies.size > MAX_TERMS) {
    known = { url: db.url, at: Date.now(), papers: await db.prisma.paper.count(), frequencies: new Map() };
  }
  const { frequencies, papers } = known;
  const missing = [...new Set(terms)].filter((term) => !frequencies.has(termNumber(term)));
  if (missing.length > 0) {
    const found = await db.store.search.termFrequencies(missing);
    for (const term of missing) frequencies.set(termNumber(term), found.get(term) ?? null);
  }
  return (term) => inverseDocumentFrequency(papers, frequencies.get(termNumber(term)) ?? undefined);
}

/** The unit TF-IDF vectors of stored feature strings, in order. */
export async function vectorsOf(db: Database, features: string[]): Promise<SparseVector[]> {
  const weights = features.map(decodeFeatures);
  const idf = await idfOf(
    db,
    weights.flatMap((each) => [...each.keys()]),
  );
  return weights.map((each) => tfidfVector(each, idf));
}
