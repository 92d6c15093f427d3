// Brings DATABASE_URL's schema up to date and, on an empty database, loads the sample papers.
// Run by `npm start` and `npm run dev` before the server starts.
import { openDatabase } from "../lib/db/database";
import { migrateDatabase } from "../lib/db/migrate";
import { readEnv } from "../lib/env";
import { fillMissingFeatures } from "../lib/recs/backfill";
import { seedIfEmpty } from "../prisma/seed";

export async function prepareDatabase(databaseUrl: string): Promise<void> {
  const { applied } = await migrateDatabase(databaseUrl);
  if (applied.length > 0) console.log(`Database: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const db = openDatabase(databaseUrl);
  try {
    const inserted = await seedIfEmpty(db);
    if (inserted > 0) console.log(`Database was empty: loaded ${inserted} sample papers (prisma/sample/daily-papers-page.txt).`);
    // Papers stored before For you: their features, once (a database of a million takes minutes).
    const filled = await fillMissingFeatures(db, (done) => done % 50_000 === 0 && console.log(`Features: ${done} papers so far…`));
    if (filled > 0) console.log(`Features: made for ${filled} papers stored before For you.`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] === import.meta.filename) {
  await prepareDatabase(readEnv().DATABASE_URL);
}
