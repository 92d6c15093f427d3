import { eng as ENGLISH_STOP_WORDS } from "stopword";
import { stemmer } from "stemmer";
import { searchTokens } from "../search/query";

// A paper's features: the words of its title and abstract, stemmed as the search index stems
// them, each with a sublinear term frequency, 1 + ln(count), where a title word counts
// TITLE_WEIGHT times. They are computed once, at ingest (lib/ingest/merge.ts), and stored on
// the paper as text (Paper.features). The IDF half of TF-IDF is applied when they are used,
// from the search vocabulary's document frequencies (lib/recs/vectors.ts), so a stored vector
// never goes stale as the corpus grows, and re-ingesting a paper changes nothing.

/** A title word says more about a paper than an abstract word (arxiv-sanity counts titles apart too). */
const TITLE_WEIGHT = 3;
/** The most terms kept for one paper, the most frequent first: an abstract has 60-120 distinct ones. */
const MAX_TERMS = 160;

const STOP_WORDS = new Set(ENGLISH_STOP_WORDS);

/** Term frequencies by stem: what a stored feature string says. */
export type TermWeights = Map<string, number>;

// Each word's term, or null for a word that is none, remembered: stemming is most of what
// making features costs an ingest, and words repeat (Zipf), so a paper's words are mostly known.
// A million words: a snapshot's whole vocabulary (tens of MB while an ingest runs).
const TERMS_REMEMBERED = 1_000_000;
const termOfWord = new Map<string, string | null>();

/** A word's index term (its stem), or null for a word that is none (a stop word, a number). */
export function termOf(token: string): string | null {
  let term = termOfWord.get(token);
  if (term === undefined) {
    const stem = token.length >= 2 && /^\p{L}+$/u.test(token) && !STOP_WORDS.has(token) ? stemmer(token) : null;
    // "its" stems to "it".
    term = stem && !STOP_WORDS.has(stem) ? stem : null;
    if (termOfWord.size >= TERMS_REMEMBERED) termOfWord.clear();
    termOfWord.set(token, term);
  }
  return term;
}

/** Index terms of a text: stems of its words, not stop words, not numbers, at least two letters. */
export function featureTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of searchTokens(text)) {
    const term = termOf(token);
    if (term) terms.push(term);
  }
  return terms;
}

/** The sublinear, title-weighted term frequencies of a paper. */
export function termWeightsOf(title: string, abstract: string): TermWeights {
  const counts = new Map<string, number>();
  for (const term of featureTerms(title)) counts.set(term, (counts.get(term) ?? 0) + TITLE_WEIGHT);
  for (const term of featureTerms(abstract)) counts.set(term, (counts.get(term) ?? 0) + 1);
  // Most abstracts have fewer terms than the cap: no sort needed then.
  const kept = counts.size <= MAX_TERMS ? [...counts] : [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1)).slice(0, MAX_TERMS);
  const weights: TermWeights = new Map();
  for (const [term, count] of kept) weights.set(term, count === 1 ? 1 : Math.round((1 + Math.log(count)) * 100) / 100);
  return weights;
}

/**
 * The stored form: `term` or `term:weight` (when the weight is not 1), space-separated, in the
 * order the paper first uses them (title first), so the same text always gives the same
 * features (sorting them cost a large ingest a fifth of the time making them). About 6 bytes a term.
 */
export function encodeFeatures(weights: TermWeights): string {
  let text = "";
  for (const [term, weight] of weights) text += `${text ? " " : ""}${term}${weight === 1 ? "" : `:${weight}`}`;
  return text;
}

export function decodeFeatures(text: string): TermWeights {
  const weights: TermWeights = new Map();
  if (!text) return weights;
  for (const entry of text.split(" ")) {
    const colon = entry.indexOf(":");
    if (colon === -1) weights.set(entry, 1);
    else weights.set(entry.slice(0, colon), Number(entry.slice(colon + 1)));
  }
  return weights;
}

/** What ingest stores for a paper's title and abstract. */
export function featuresOf(title: string, abstract: string): string {
  return encodeFeatures(termWeightsOf(title, abstract));
}
