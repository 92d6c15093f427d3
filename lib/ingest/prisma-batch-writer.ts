import type { Database } from "../db/database";
import { planBatch, type PaperRow } from "./merge";
import { titleKey } from "./normalize";
import type { BatchWriter } from "./batch-writer";

const ROW_FIELDS = {
  id: true,
  arxivId: true,
  titleKey: true,
  title: true,
  abstract: true,
  authors: true,
  authorCount: true,
  publishedAt: true,
  feedDate: true,
  importedUpvotes: true,
  categories: true,
  metadataSource: true,
  pdfUrl: true,
  codeUrl: true,
  projectUrl: true,
} as const;

/** Batches through Prisma (PostgreSQL): one interactive transaction per batch. */
export function prismaBatchWriter(db: Database): BatchWriter {
  return {
    batchSize: 500,
    write: (papers, options) =>
      db.prisma.$transaction(
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
