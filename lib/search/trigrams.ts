const MIN_TERM = 4;

/** A term's trigrams, in characters (code points): cutting a letter past U+FFFF in two would hand the database half a character. */
export function trigrams(term: string): string[] {
  const padded = [..." ", ...term, " "];
  const grams = new Set<string>();
  for (let index = 0; index + 3 <= padded.length; index++) grams.add(padded.slice(index, index + 3).join(""));
  return [...grams];
}

/** Whether an index term is a word "did you mean" may suggest. */
export const isWord = (term: string) => term.length >= MIN_TERM && /^\p{L}+$/u.test(term);
