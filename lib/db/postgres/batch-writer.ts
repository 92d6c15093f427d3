import type { BatchWriter } from "../../ingest/batch-writer";
import { planBatch } from "../../ingest/merge";
import { titleKey } from "../../papers/identity";
import { INGEST_COLUMNS, type PaperRow } from "../../papers/paper-row";
import type { DbClient } from "../database";

const ROW_FIELDS = Object.fromEntries(INGEST_COLUMNS.map((column) => [column, true])) as Record<keyof PaperRow, true>;

/** Batches through Prisma: one interactive transaction per batch. */
export function postgresBatchWriter(prisma: DbClient): BatchWriter {
  return {
    batchSize: 500,
    write: (papers, options) =>
      prisma.$transaction(
        async (tx) => {
          const arxivIds = papers.flatMap((paper) => (paper.arxivId ? [paper.arxivId] : []));
          const titleKeys = papers.map((paper) => titleKey(paper.title));
          // Two lookups rather than one OR: each stays under the driver's bound-parameter limit.
          const [byArxivId, byTitle] = await Promise.all([
            tx.paper.findMany({ where: { arxivId: { in: arxivIds } }, select: ROW_FIELDS }),
            tx.paper.findMany({ where: { titleKey: { in: [...new Set(titleKeys)] } }, select: ROW_FIELDS }),
          ]);
          const existing: PaperRow[] = [...new Map([...byArxivId, ...byTitle].map((row) => [row.id, row])).values()];
          const plan = planBatch(existing, papers, options);
          if (!options.dryRun) {
            for (const { id, row } of plan.updates) await tx.paper.update({ where: { id }, data: row });
            if (plan.inserts.length > 0) await tx.paper.createMany({ data: plan.inserts });
          }
          return plan.counts;
        },
        { maxWait: 30_000, timeout: 120_000 },
      ),
    close: async () => undefined,
  };
}
