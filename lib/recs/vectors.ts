import type { TermWeights } from "./features";

// TF-IDF vectors: a paper's stored term frequencies (lib/recs/features.ts) times each term's
// inverse document frequency, scaled to length 1, so a dot product is a cosine.

/** A sparse vector by term; unit length unless empty. */
export type SparseVector = Map<string, number>;

/** Smoothed inverse document frequency (scikit-learn's): a term in every paper still counts a little, an unknown one as in one paper. */
export function inverseDocumentFrequency(papers: number, papersWithTerm: number | undefined): number {
  return Math.log((papers + 1) / ((papersWithTerm ?? 1) + 1)) + 1;
}

/** The unit TF-IDF vector of a paper's term weights. */
export function tfidfVector(weights: TermWeights, idf: (term: string) => number): SparseVector {
  const vector: SparseVector = new Map();
  let squares = 0;
  for (const [term, weight] of weights) {
    const value = weight * idf(term);
    vector.set(term, value);
    squares += value * value;
  }
  const length = Math.sqrt(squares);
  if (length > 0) for (const [term, value] of vector) vector.set(term, value / length);
  return vector;
}

/** The dot product (for unit vectors, the cosine). */
export function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, value] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += value * other;
  }
  return sum;
}

/** The terms adding most to a . b, largest first. */
export function strongestShared(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, count: number): string[] {
  const shares: Array<[string, number]> = [];
  for (const [term, value] of a) {
    const other = b.get(term);
    if (other !== undefined && value * other > 0) shares.push([term, value * other]);
  }
  return shares
    .sort((x, y) => y[1] - x[1])
    .slice(0, count)
    .map(([term]) => term);
}
