// The database of the browser tests' server (playwright.config.ts runs this, then `npm start`'s
// scripts/start.mjs): a fresh SQLite file holding the sample page (one day,
// Dec 12, 2025), Hugging Face's list of Oct 25, 2024, arXiv papers fed on Oct 28, 2024, and papers
// with hostile markup.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../lib/db/database";
import { readEnv } from "../../lib/env";
import { ingestFromSource } from "../../lib/ingest/run";
import { prepareDatabase } from "../../scripts/prepare-database";
import { sqliteFilePath } from "../../lib/db/url";
import { rateLimitFile } from "../../lib/db/sqlite/rate-limits";

const { DATABASE_URL } = readEnv();
const file = sqliteFilePath(DATABASE_URL);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
// And the rate limits' counters, so a run soon after another starts with none.
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(rateLimitFile(DATABASE_URL) + suffix, { force: true });

await prepareDatabase(DATABASE_URL);
const db = openDatabase(DATABASE_URL);
const fixtures = path.join(import.meta.dirname, "..", "fixtures");
await ingestFromSource(db, { source: path.join(fixtures, "ingest", "hf-daily-papers.json") });
await ingestFromSource(db, { source: path.join(fixtures, "ingest", "arxiv-atom.xml"), feedDate: new Date("2024-10-28") });
await ingestFromSource(db, { source: path.join(fixtures, "hostile-papers.json") });
await db.close();
