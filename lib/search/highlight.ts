import { stemmer } from "stemmer";
import { escapeHtml, mathRanges, renderRichText } from "../text/latex";
import { searchTokens, type ParsedQuery } from "./query";

type Matcher = (word: string) => boolean;

// Stems of the words seen in titles and abstracts, shared by every search: stemming is most of
// the cost of highlighting a page of results, and the same words come back all the time.
const STEM_CACHE_SIZE = 100_000;
const ASCII = /^[\x00-\x7f]*$/;
const stems = new Map<string, string>();

/** The index-like stem of a word as written: folded, lower case, stemmed ("" for no letters). */
function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    const token = ASCII.test(word) ? word.toLowerCase() : (searchTokens(word)[0] ?? "");
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
  // Stemming keeps a word's first letter, so a word starting with a plain letter or digit no
  // wanted stem or prefix starts with is turned away before the (costlier) stemming.
  const initials = new Set([...wanted, ...prefixes].map((token) => token[0]));
  return (word) => {
    const initial = word[0]!.toLowerCase();
    if (initial < "\x80" && !initials.has(initial)) return false;
    if (wanted.has(stemOf(word))) return true;
    if (prefixes.length === 0) return false;
    const token = searchTokens(word)[0] ?? "";
    return prefixes.some((prefix) => token.startsWith(prefix));
  };
}

const WORDS = /([\p{L}\p{N}]+)/u;
const WORD_RUNS = /[\p{L}\p{N}]+/gu;

/**
 * A test of whether a text holds every token of every positive term of the query (a phrase's
 * words anywhere, not necessarily in order): built once, cheap enough for hundreds of titles.
 */
export function everyTermIn(query: ParsedQuery): (text: string) => boolean {
  const tokens = query.positive.flatMap((term) =>
    term.tokens.map((token, index) => ({ term, token, prefix: term.prefix && index === term.tokens.length - 1 })),
  );
  const tokenMatchers = tokens.map(({ term, token, prefix }) => matcherFor({ positive: [{ ...term, tokens: [token], prefix }], negative: [] }));
  // Porter stemming rewrites only a word's ending, so a word with the stem "scalabl" has
  // "scalab" in it: a substring test turns away most plain-ASCII texts before any stemming.
  const needles = tokens.map(({ token, prefix }) => (prefix ? token : stemmer(token).slice(0, -1)));
  return (text) => {
    if (ASCII.test(text)) {
      const lower = text.toLowerCase();
      if (!needles.every((needle) => lower.includes(needle))) return false;
    }
    const words = text.split(WORDS).filter((_, index) => index % 2 === 1);
    return tokenMatchers.every((matches) => words.some(matches));
  };
}

/**
 * Escaped text with the matched words in <mark> and its formulas rendered by KaTeX (marks never go
 * inside a formula, which would break it): the text can never inject markup.
 */
export function highlight(text: string, query: ParsedQuery): string {
  const matches = matcherFor(query);
  const marked = (prose: string) =>
    prose
      .split(WORDS)
      .map((part, index) => (index % 2 === 1 && matches(part) ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
      .join("");
  return renderRichText(text, { proseHtml: marked, inline: true });
}

/**
 * A window of an abstract around its first match (the start when nothing matches), cut at words
 * and never inside a formula, with the matches highlighted and the formulas rendered.
 */
export function snippet(text: string, query: ParsedQuery, length = 260): string {
  if (text.length <= length) return highlight(text, query);
  const matches = matcherFor(query);
  // Only up to the first match is read: abstracts are long and a page shows twenty of them.
  let first = 0;
  for (const word of text.matchAll(WORD_RUNS)) {
    if (matches(word[0])) {
      first = word.index;
      break;
    }
  }
  let start = Math.max(0, first - Math.floor(length / 3));
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  let end = Math.min(text.length, start + length);
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  // A cut inside a formula moves to its edge: the start to before it, the end to after it (or
  // before it, when the formula is long).
  for (const [from, to] of mathRanges(text)) {
    if (from < start && start < to) start = from;
    if (from < end && end < to) end = to - start <= length * 1.5 ? to : from;
  }
  return `${start > 0 ? "… " : ""}${highlight(text.slice(start, end), query)}${end < text.length ? " …" : ""}`;
}
