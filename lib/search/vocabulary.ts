import { distance } from "fastest-levenshtein";
import { stemmer } from "stemmer";
import type { Database } from "../db/database";
import type { ParsedQuery, SearchTerm } from "./query";
import { trigrams } from "./trigrams";

const MIN_TERM = 4;
const MAX_CORRECTIONS = 3;

/**
 * Search-as-you-type makes the last word a prefix; on SQLite, once it is a whole word the index
 * knows ("transformer", not "transf"), it is matched as that word (its stem covers its endings):
 * a prefix of a common word makes FTS5 merge every term it starts, the costliest query there is.
 * PostgreSQL keeps the prefix: it indexes author names unstemmed, so a whole name typed must
 * still match as a prefix of the stemmed query word; its search plan bounds what a prefix costs.
 */
export async function settleLastWord(db: Database, query: ParsedQuery): Promise<ParsedQuery> {
  const last = query.positive.at(-1);
  if (!db.store.search.settlesKnownPrefixes || !last?.prefix) return query;
  const word = last.tokens.at(-1)!;
  const known = await db.store.search.termFrequencies([stemmer(word), word]);
  if (known.size === 0) return query;
  return { ...query, positive: [...query.positive.slice(0, -1), { ...last, prefix: false }] };
}

/**
 * The closest index term to a word the index does not know: the terms sharing most trigrams
 * with its stem, then the smallest edit distance (at most 1 for short words, 2 for longer),
 * then the most papers.
 */
async function closestTerm(db: Database, word: string): Promise<string | null> {
  const stem = stemmer(word);
  const grams = trigrams(stem);
  const shared = await db.store.search.termsSharingTrigrams(grams);
  const docs = await db.store.search.termFrequencies(shared);
  const limit = stem.length <= 5 ? 1 : 2;
  const ranked = shared
    .map((term) => ({ term, edits: Math.min(distance(stem, term), distance(word, term)), docs: docs.get(term) ?? 0 }))
    .filter((candidate) => candidate.edits > 0 && candidate.edits <= limit)
    .sort((a, b) => a.edits - b.edits || b.docs - a.docs);
  return ranked[0]?.term ?? null;
}

/**
 * "Did you mean": the query with each word the index does not know replaced by the closest
 * known term, or null when every word is known or nothing close exists.
 */
export async function suggestCorrection(db: Database, query: ParsedQuery): Promise<string | null> {
  const words = query.positive.flatMap((term) => term.tokens).filter((token) => token.length >= MIN_TERM && /^\p{L}+$/u.test(token));
  if (words.length === 0) return null;
  const known = await db.store.search.termFrequencies(words.map((word) => stemmer(word)));
  const replacements = new Map<string, string>();
  // Each correction reads the trigram index; a person mistypes a word or two, not twelve.
  const unknown = [...new Set(words.filter((word) => !known.has(stemmer(word)) && !known.has(word)))].slice(0, MAX_CORRECTIONS);
  for (const word of unknown) {
    const closest = await closestTerm(db, word);
    if (closest) replacements.set(word, closest);
  }
  if (replacements.size === 0) return null;
  const render = (term: SearchTerm) => {
    const text = term.tokens.map((token) => replacements.get(token) ?? token).join(" ");
    return `${term.negated ? "-" : ""}${term.phrase ? `"${text}"` : text}`;
  };
  return [...query.positive, ...query.negative].map(render).join(" ");
}
