import { stemmer } from "stemmer";
import { escapeHtml } from "../text/latex";
import { searchTokens, type ParsedQuery } from "./query";

type Matcher = (word: string) => boolean;

// Stems of the words seen in titles and abstracts, shared by every search: stemming is most of
// the cost of highlighting a page of results, and the same words come back all the time.
const STEM_CACHE_SIZE = 100_000;
const stems = new Map<string, string>();

/** The index-like stem of a word as written: folded, lower case, stemmed ("" for no letters). */
function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    const token = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : (searchTokens(word)[0] ?? "");
    stem = token && stemmer(token);
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** Which words of a text the query matched: same stem, or the prefix of a prefix term. */
function matcherFor(query: ParsedQuery): Matcher {
  const wanted = new Set<string>();
  const prefixes: string[] = [];
  for (const term of query.positive) {
    term.tokens.forEach((token, index) => {
      if (term.prefix && index === term.tokens.length - 1) prefixes.push(token);
      else wanted.add(stemmer(token));
    });
  }
  return (word) => {
    if (wanted.has(stemOf(word))) return true;
    if (prefixes.length === 0) return false;
    const token = searchTokens(word)[0] ?? "";
    return prefixes.some((prefix) => token.startsWith(prefix));
  };
}

const WORDS = /([\p{L}\p{N}]+)/u;

/** Escaped text with the matched words in <mark>: the text can never inject markup. */
export function highlight(text: string, query: ParsedQuery): string {
  const matches = matcherFor(query);
  return text
    .split(WORDS)
    .map((part, index) => (index % 2 === 1 && matches(part) ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
    .join("");
}

/**
 * A window of an abstract around its first match (the start when nothing matches), cut at words,
 * with the matches highlighted.
 */
export function snippet(text: string, query: ParsedQuery, length = 260): string {
  if (text.length <= length) return highlight(text, query);
  const matches = matcherFor(query);
  const parts = text.split(WORDS);
  let offset = 0;
  let first = 0;
  for (let index = 0; index < parts.length; index++) {
    if (index % 2 === 1 && matches(parts[index]!)) {
      first = offset;
      break;
    }
    offset += parts[index]!.length;
  }
  let start = Math.max(0, first - Math.floor(length / 3));
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  let end = Math.min(text.length, start + length);
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "… " : ""}${highlight(text.slice(start, end), query)}${end < text.length ? " …" : ""}`;
}
