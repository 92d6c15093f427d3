import { afterAll, beforeAll } from "vitest";
import { setAppDatabase } from "../../lib/db/database";
import { ingestFromSource } from "../../lib/ingest/run";
import { SAMPLE_FILE } from "../../prisma/seed";
import type { Provider, TestDatabase } from "./databases";
import { fixturePath } from "./fixtures";

/**
 * A fresh database for one suite that is also the app's database (lib/db/database.ts), so route
 * handlers called as Next.js calls them read it. Seeded before the suite's tests, dropped after
 * them. Use `.db` inside tests and hooks.
 */
export function useAppDatabase(provider: Provider, seed: (db: TestDatabase) => Promise<void> = async () => {}): { readonly db: TestDatabase } {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await provider.create();
    setAppDatabase(db);
    await seed(db);
  }, 120_000);
  afterAll(async () => {
    setAppDatabase(undefined);
    await db?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error("useAppDatabase: the database exists only inside tests and hooks");
      return db;
    },
  };
}

/** Three feed days from three formats: the sample page (Dec 12, 2025), HF's Oct 25, 2024, arXiv's Oct 28, 2024. */
export async function seedFixtureDays(db: TestDatabase): Promise<void> {
  await ingestFromSource(db, { source: SAMPLE_FILE });
  await ingestFromSource(db, { source: fixturePath("hf-daily-papers.json") });
  await ingestFromSource(db, { source: fixturePath("arxiv-atom.xml"), feedDate: new Date("2024-10-28") });
}
