import path from "node:path";
import type { Database } from "../lib/db/database";
import { ingestFromSource } from "../lib/ingest/run";

/** The Daily Papers page a new user sees: the real ingest path, on the bundled page text. */
export const SAMPLE_FILE = path.join(import.meta.dirname, "sample", "daily-papers-page.txt");

/** Loads the sample when the database has no papers at all; returns how many it inserted. */
export async function seedIfEmpty(db: Database): Promise<number> {
  if ((await db.prisma.paper.count()) > 0) return 0;
  const summary = await ingestFromSource(db, { source: SAMPLE_FILE });
  return summary.inserted;
}
