import type { Database } from "../db/database";
import { featuresOf } from "./features";

// Ingest makes each paper's features (lib/ingest/merge.ts). Papers stored before features
// existed have none; `npm start`'s preparation (scripts/prepare-database.ts) makes them once,
// in id order, a transaction per batch, so an interrupted run goes on where it stopped.

const BATCH = 1_000;

/** Makes the features of every paper that has none; returns how many it made. */
export async function fillMissingFeatures(db: Database, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  let after = "";
  for (;;) {
    const papers = await db.prisma.paper.findMany({
      where: { features: "", id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, title: true, abstract: true },
    });
    if (papers.length === 0) return done;
    await db.prisma.$transaction(
      papers.map((paper) => db.prisma.paper.update({ where: { id: paper.id }, data: { features: featuresOf(paper.title, paper.abstract) } })),
    );
    done += papers.length;
    after = papers.at(-1)!.id;
    onProgress?.(done);
  }
}
