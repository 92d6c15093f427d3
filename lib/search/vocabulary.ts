import { distance } from "fastest-levenshtein";
import { stemmer } from "stemmer";
import type { Database } from "../db/database";
import type { ParsedQuery, SearchTerm } from "./query";

const MIN_TERM = 4;

function trigrams(term: string): string[] {
  const padded = ` ${term} `;
  const grams = new Set<string>();
  for (let index = 0; index + 3 <= padded.length; index++) grams.add(padded.slice(index, index + 3));
  return [...grams];
}

/**
 * Rebuilds SearchTerm and its trigrams from the search index's own vocabulary (FTS5's fts5vocab,
 * PostgreSQL's ts_stat), so "did you mean" only ever suggests words that find papers. Run after
 * every ingest that changed something; it replaces the whole vocabulary in one transaction.
 */
export async function refreshSearchVocabulary(db: Database): Promise<number> {
  const sql =
    db.provider === "sqlite"
      ? `SELECT term, doc AS docs FROM "paper_fts_vocab"`
      : `SELECT word AS term, ndoc AS docs FROM ts_stat('SELECT "search" FROM "Paper"')`;
  const rows = await db.prisma.$queryRawUnsafe<Array<{ term: string; docs: bigint | number }>>(sql);
  const terms = rows
    .filter((row) => row.term.length >= MIN_TERM && /^\p{L}+$/u.test(row.term))
    .map((row) => ({ term: row.term, docs: Number(row.docs) }));
  await db.prisma.$transaction(
    async (tx) => {
      await tx.searchTrigram.deleteMany();
      await tx.searchTerm.deleteMany();
      for (let index = 0; index < terms.length; index += 5_000) {
        const chunk = terms.slice(index, index + 5_000);
        await tx.searchTerm.createMany({ data: chunk });
        await tx.searchTrigram.createMany({ data: chunk.flatMap(({ term }) => trigrams(term).map((trigram) => ({ trigram, term }))) });
      }
    },
    { timeout: 600_000 },
  );
  return terms.length;
}

/** How many papers hold each of these index terms (stems). */
export async function termFrequencies(db: Database, terms: string[]): Promise<Map<string, number>> {
  const rows = await db.prisma.searchTerm.findMany({ where: { term: { in: [...new Set(terms)] } } });
  return new Map(rows.map((row) => [row.term, row.docs]));
}

/**
 * The closest index term to a word the index does not know: the terms sharing most trigrams
 * with its stem, then the smallest edit distance (at most 1 for short words, 2 for longer),
 * then the most papers.
 */
async function closestTerm(db: Database, word: string): Promise<string | null> {
  const stem = stemmer(word);
  const grams = trigrams(stem);
  const shared = await db.prisma.searchTrigram.groupBy({
    by: ["term"],
    where: { trigram: { in: grams } },
    _count: { term: true },
    orderBy: { _count: { term: "desc" } },
    take: 50,
  });
  const docs = await termFrequencies(db, shared.map((row) => row.term));
  const limit = stem.length <= 5 ? 1 : 2;
  const ranked = shared
    .map((row) => ({ term: row.term, edits: Math.min(distance(stem, row.term), distance(word, row.term)), docs: docs.get(row.term) ?? 0 }))
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
  const known = await termFrequencies(db, words.map((word) => stemmer(word)));
  const replacements = new Map<string, string>();
  for (const word of words) {
    if (known.has(stemmer(word)) || known.has(word)) continue;
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
