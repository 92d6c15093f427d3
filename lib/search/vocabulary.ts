import { distance } from "fastest-levenshtein";
import { stemmer } from "stemmer";
import type { Database } from "../db/database";
import { prepared } from "../db/sqlite-connection";
import type { ParsedQuery, SearchTerm } from "./query";
import { runSearchOffThread } from "./worker-pool";

const MIN_TERM = 4;
const MAX_CORRECTIONS = 3;

/** A term's trigrams, in characters (code points): cutting a letter past U+FFFF in two would hand the database half a character. */
function trigrams(term: string): string[] {
  const padded = [..." ", ...term, " "];
  const grams = new Set<string>();
  for (let index = 0; index + 3 <= padded.length; index++) grams.add(padded.slice(index, index + 3).join(""));
  return [...grams];
}

const isWord = (term: string) => term.length >= MIN_TERM && /^\p{L}+$/u.test(term);

/**
 * Brings SearchTerm up to date with the search index's own vocabulary (FTS5's fts5vocab,
 * PostgreSQL's ts_stat): every term with the number of papers holding it (what search uses to
 * tell common from rare terms), and trigrams for the words "did you mean" may suggest, so it only
 * ever suggests words that find papers. Run after every ingest that changed something, in one
 * transaction; only terms whose count changed are written.
 */
export async function refreshSearchVocabulary(db: Database): Promise<number> {
  return db.provider === "sqlite" ? refreshSqlite(db) : refreshPostgres(db);
}

function refreshSqlite(db: Database): number {
  const connection = db.sqlite();
  const upsert = connection.prepare(`INSERT INTO "SearchTerm" (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = excluded.docs`);
  const addTrigram = connection.prepare(`INSERT INTO "SearchTrigram" (trigram, term) VALUES (?, ?)`);
  const remove = connection.prepare(`DELETE FROM "SearchTerm" WHERE term = ?`);
  return connection
    .transaction(() => {
      const stored = new Map(connection.prepare(`SELECT term, docs FROM "SearchTerm"`).raw().all() as Array<[string, number]>);
      // Read whole before writing: a connection cannot write while it iterates.
      const vocabulary = connection.prepare(`SELECT term, doc FROM "paper_fts_vocab"`).raw().all() as Array<[string, number]>;
      const newTrigrams: Array<[string, string]> = [];
      for (const [term, docs] of vocabulary) {
        const before = stored.get(term);
        stored.delete(term);
        if (before === docs) continue;
        upsert.run(term, docs);
        if (before === undefined && isWord(term)) for (const trigram of trigrams(term)) newTrigrams.push([trigram, term]);
      }
      // In key order, the trigram index grows at its end instead of being written all over (a
      // first ingest of the arXiv snapshot brings a few million).
      newTrigrams.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      for (const [trigram, term] of newTrigrams) addTrigram.run(trigram, term);
      for (const term of stored.keys()) remove.run(term);
      return vocabulary.length;
    })
    .immediate();
}

async function refreshPostgres(db: Database): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ term: string; docs: bigint | number }>>(
    `SELECT word AS term, ndoc AS docs FROM ts_stat('SELECT "search" FROM "Paper"')`,
  );
  const terms = rows.map((row) => ({ term: row.term, docs: Number(row.docs) }));
  await db.prisma.$transaction(
    async (tx) => {
      // Two ingests finishing together (or an ingest and a rerun after a kill) each rewrite the
      // vocabulary: one at a time, or both insert the same terms. The lock ends with the transaction.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('daily-papers vocabulary refresh'))`);
      await tx.searchTrigram.deleteMany();
      await tx.searchTerm.deleteMany();
      for (let index = 0; index < terms.length; index += 5_000) {
        const chunk = terms.slice(index, index + 5_000);
        await tx.searchTerm.createMany({ data: chunk });
        await tx.searchTrigram.createMany({
          data: chunk.filter(({ term }) => isWord(term)).flatMap(({ term }) => trigrams(term).map((trigram) => ({ trigram, term }))),
        });
      }
    },
    { timeout: 600_000 },
  );
  return terms.length;
}

/** How many papers hold each of these index terms (stems). */
export async function termFrequencies(db: Database, terms: string[]): Promise<Map<string, number>> {
  if (db.provider === "sqlite") {
    const statement = prepared(db.sqlite(), `SELECT docs FROM "SearchTerm" WHERE term = ?`).pluck();
    return new Map(
      [...new Set(terms)].flatMap((term) => {
        const docs = statement.get(term) as number | undefined;
        return docs === undefined ? [] : [[term, docs] as const];
      }),
    );
  }
  const rows = await db.prisma.searchTerm.findMany({ where: { term: { in: [...new Set(terms)] } } });
  return new Map(rows.map((row) => [row.term, row.docs]));
}

/** The terms sharing most of these trigrams, most shared first (at most 50). */
async function termsSharingTrigrams(db: Database, grams: string[]): Promise<string[]> {
  // On SQLite a word made of the commonest trigrams reads tens of thousands of rows (~70 ms at a
  // million papers): off the event loop when the search workers are on.
  if (db.provider === "sqlite") return runSearchOffThread(db, "trigrams", grams);
  const shared = await db.prisma.searchTrigram.groupBy({
    by: ["term"],
    where: { trigram: { in: grams } },
    _count: { term: true },
    orderBy: [{ _count: { term: "desc" } }, { term: "asc" }],
    take: 50,
  });
  return shared.map((row) => row.term);
}

/**
 * Search-as-you-type makes the last word a prefix; on SQLite, once it is a whole word the index
 * knows ("transformer", not "transf"), it is matched as that word (its stem covers its endings):
 * a prefix of a common word makes FTS5 merge every term it starts, the costliest query there is.
 * PostgreSQL keeps the prefix: it indexes author names unstemmed, so a whole name typed must
 * still match as a prefix of the stemmed query word, and its GIN prefix matching is cheap.
 */
export async function settleLastWord(db: Database, query: ParsedQuery): Promise<ParsedQuery> {
  const last = query.positive.at(-1);
  if (db.provider !== "sqlite" || !last?.prefix) return query;
  const word = last.tokens.at(-1)!;
  const known = await termFrequencies(db, [stemmer(word), word]);
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
  const shared = await termsSharingTrigrams(db, grams);
  const docs = await termFrequencies(db, shared);
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
  const known = await termFrequencies(
    db,
    words.map((word) => stemmer(word)),
  );
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
