// TF-IDF vectors: a paper's stored term frequencies (lib/recs/features.ts) times each term's
// inverse document frequency, scaled to length 1, so a dot product is a cosine.
//
// A vector is two typed arrays, its terms' numbers in ascending order and their values: a
// process keeps a reader's liked papers, their model and the background papers (lib/recs/reader.ts)
// for many readers, and as maps of strings those took ~50 bytes a term against 8 here; a dot
// product is then a merge of two sorted arrays rather than a hash lookup a term.

/** A sparse vector: term numbers (termNumber) ascending, each with its value; unit length unless empty. */
export type SparseVector = { readonly terms: Int32Array; readonly values: Float32Array };

// Each term a number for the life of the process. Only terms of stored features get one, so
// there are at most as many as the corpus's vocabulary (a few hundred thousand at a million
// papers: ~10 MB).
const numbers = new Map<string, number>();
const names: string[] = [];

/** The term's number in this process, given on first sight. */
export function termNumber(term: string): number {
  let number = numbers.get(term);
  if (number === undefined) {
    number = names.length;
    numbers.set(term, number);
    names.push(term);
  }
  return number;
}

/** The term a number stands for. */
export function termName(number: number): string {
  return names[number]!;
}

/** Smoothed inverse document frequency (scikit-learn's): a term in every paper still counts a little, an unknown one as in one paper. */
export function inverseDocumentFrequency(papers: number, papersWithTerm: number | undefined): number {
  return Math.log((papers + 1) / ((papersWithTerm ?? 1) + 1)) + 1;
}

/** A paper's term weights as (term number, weight) pairs. */
export type TermEntries = Array<[number, number]>;

/** The unit TF-IDF vector of a paper's term weights (the pairs are reused for it). */
export function tfidfVector(weights: TermEntries, idf: (term: number) => number): SparseVector {
  let squares = 0;
  for (const entry of weights) {
    entry[1] *= idf(entry[0]);
    squares += entry[1] * entry[1];
  }
  return sparseVector(weights, Math.sqrt(squares) || 1);
}

/** A vector of (term number, value) pairs in any order, each value divided by `scale`. */
export function sparseVector(entries: TermEntries, scale = 1): SparseVector {
  entries.sort((a, b) => a[0] - b[0]);
  const terms = new Int32Array(entries.length);
  const values = new Float32Array(entries.length);
  entries.forEach(([term, value], index) => {
    terms[index] = term;
    values[index] = value / scale;
  });
  return { terms, values };
}

/** The dot product (for unit vectors, the cosine). */
export function dot(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length;) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) sum += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** The terms adding most to a . b, largest first. */
export function strongestShared(a: SparseVector, b: SparseVector, count: number): string[] {
  const shares: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length;) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) {
      const share = a.values[i++]! * b.values[j++]!;
      if (share > 0) shares.push([x, share]);
    } else if (x < y) i++;
    else j++;
  }
  return shares
    .sort((x, y) => y[1] - x[1])
    .slice(0, count)
    .map(([term]) => termName(term));
}
