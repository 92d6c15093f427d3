import { ValidationError } from "../errors";

/** Hugging Face's own cap on a search string. */
export const SEARCH_MAX_LENGTH = 250;

/**
 * How many words a search reads, each word of a "phrase" and each -excluded word counted; the
 * rest are ignored (and listed in `ignored`), as Google and Hugging Face ignore extra words. A
 * pasted paper title is found by its first twelve words; more only multiply the work.
 */
export const SEARCH_MAX_WORDS = 12;

/**
 * One thing to match: a word (one token), a phrase (several, in order), maybe excluded or a
 * prefix. `completions` is the search engine's own choice (never the parser's): a prefix matched
 * as these whole words instead.
 */
export type SearchTerm = { tokens: string[]; phrase: boolean; negated: boolean; prefix: boolean; completions?: string[] };
/** `ignored`: the words past SEARCH_MAX_WORDS, in the order typed. */
export type ParsedQuery = { positive: SearchTerm[]; negative: SearchTerm[]; ignored?: string[] };

/**
 * Words as the index sees them: accents folded, lower case, split at anything that is not a
 * letter or digit. Everything a person can type reduces to these tokens, so no input can reach
 * the database's query syntax (quotes, operators, parentheses, colons all become separators).
 */
export function searchTokens(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      // Recompose what is not an accent: Hangul syllables decompose under NFKD too.
      .normalize("NFC")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
  );
}

// A "quoted phrase" (optionally -"excluded"), or a run of non-space characters.
const PIECES = /(-?)"([^"]*)"|(\S+)/g;
// Prefix matching for the last word starts at three letters: shorter ones match most of the
// index (and only 3-letter prefixes have a prefix index).
const MIN_PREFIX = 3;

/**
 * The query language people already know: words are ANDed, "quoted phrases" match in order,
 * -word excludes, and the last word matches as a prefix (search as you type) unless the query
 * ends with a space. An unbalanced quote is just a character. Only the first SEARCH_MAX_WORDS
 * words count (a phrase cut there keeps its first words; a cut word is no prefix); the others
 * are listed in `ignored`. Throws a ValidationError only for a query over 250 characters.
 */
export function parseSearchQuery(query: string): ParsedQuery {
  if (query.length > SEARCH_MAX_LENGTH) {
    throw new ValidationError(`q: a search is at most ${SEARCH_MAX_LENGTH} characters; this one has ${query.length}.`);
  }
  const terms: SearchTerm[] = [];
  let lastIsOpenWord = false;
  for (const match of query.matchAll(PIECES)) {
    const [, minus, quoted, word] = match;
    if (quoted !== undefined) {
      const tokens = searchTokens(quoted);
      if (tokens.length > 0) terms.push({ tokens, phrase: true, negated: minus === "-", prefix: false });
      lastIsOpenWord = false;
      continue;
    }
    const negated = word!.length > 1 && word!.startsWith("-");
    const tokens = searchTokens(negated ? word!.slice(1) : word!);
    if (tokens.length === 0) continue;
    terms.push({ tokens, phrase: tokens.length > 1, negated, prefix: false });
    lastIsOpenWord = !negated && match.index + match[0].length === query.length;
  }
  const last = terms.at(-1);
  if (last && lastIsOpenWord && last.tokens.at(-1)!.length >= MIN_PREFIX) last.prefix = true;
  const kept: SearchTerm[] = [];
  const ignored: string[] = [];
  let words = 0;
  for (const term of terms) {
    const room = SEARCH_MAX_WORDS - words;
    if (term.tokens.length > room) {
      ignored.push(...term.tokens.slice(room));
      if (room === 0) continue;
      term.tokens = term.tokens.slice(0, room);
      term.phrase &&= term.tokens.length > 1;
      term.prefix = false;
    }
    words += term.tokens.length;
    kept.push(term);
  }
  const parsed: ParsedQuery = { positive: kept.filter((term) => !term.negated), negative: kept.filter((term) => term.negated) };
  if (ignored.length > 0) parsed.ignored = ignored;
  return parsed;
}

/** The words of a query a person would recognise, for messages and "did you mean". */
export function queryWords(parsed: ParsedQuery): string[] {
  return parsed.positive.flatMap((term) => term.tokens);
}
