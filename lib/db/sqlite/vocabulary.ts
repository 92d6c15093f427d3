import type BetterSqlite3 from "better-sqlite3";
import { isWord, trigrams } from "../../search/trigrams";
import { prepared } from "./connection";

/**
 * Brings SearchTerm up to date with the search index's own vocabulary (FTS5's fts5vocab): every term with the number of papers holding it (what search uses to
 * tell common from rare terms), and trigrams for the words "did you mean" may suggest, so it only
 * ever suggests words that find papers. Run after every ingest that changed something, in one
 * transaction; only terms whose count changed are written.
 */
export function refreshSqliteVocabulary(connection: BetterSqlite3.Database): number {
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

/** How many papers hold each of these index terms (stems). */
export function sqliteTermFrequencies(connection: BetterSqlite3.Database, terms: string[]): Map<string, number> {
  const statement = prepared(connection, `SELECT docs FROM "SearchTerm" WHERE term = ?`).pluck();
  return new Map(
    [...new Set(terms)].flatMap((term) => {
      const docs = statement.get(term) as number | undefined;
      return docs === undefined ? [] : [[term, docs] as const];
    }),
  );
}
