import type { DbClient } from "../database";
import { isWord, trigrams } from "../../search/trigrams";

/**
 * Brings SearchTerm up to date with the index's vocabulary (PostgreSQL's ts_stat over the stored
 * tsvectors): every term with the number of papers holding it, and trigrams for the words "did
 * you mean" may suggest. Run after every ingest that changed something, in one transaction.
 */
export async function refreshPostgresVocabulary(prisma: DbClient): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<Array<{ term: string; docs: bigint | number }>>(
    `SELECT word AS term, ndoc AS docs FROM ts_stat('SELECT "search" FROM "Paper"')`,
  );
  const terms = rows.map((row) => ({ term: row.term, docs: Number(row.docs) }));
  await prisma.$transaction(
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
export async function postgresTermFrequencies(prisma: DbClient, terms: string[]): Promise<Map<string, number>> {
  const rows = await prisma.searchTerm.findMany({ where: { term: { in: [...new Set(terms)] } } });
  return new Map(rows.map((row) => [row.term, row.docs]));
}

/** The terms sharing most of these trigrams, most shared first (at most 50). */
export async function postgresTermsSharingTrigrams(prisma: DbClient, grams: string[]): Promise<string[]> {
  const shared = await prisma.searchTrigram.groupBy({
    by: ["term"],
    where: { trigram: { in: grams } },
    _count: { term: true },
    orderBy: [{ _count: { term: "desc" } }, { term: "asc" }],
    take: 50,
  });
  return shared.map((row) => row.term);
}
