import type { Database } from "../db/database";
import type { CategoryCount } from "../db/store";
import { isArxivCategory } from "./identity";

// Counting categories reads every paper (about a second at a million), and the counts move only
// with an ingest: an answer is kept this long, then recomputed behind the page that asked, which
// is served the previous counts meanwhile. A page never waits except for a process's first ask.
const KEEP_MS = 10 * 60_000;

type Kept = { at: number; counts: CategoryCount[] | null; refreshing: Promise<CategoryCount[]> | null };
const kept = new Map<string, Kept>();

/**
 * The arXiv categories the database holds, each with its number of visible papers, most papers
 * first (the search page's category choice). Tags that are not arXiv categories are left out: the
 * search filter takes only those.
 */
export async function categoryCounts(db: Database, now = Date.now()): Promise<CategoryCount[]> {
  let entry = kept.get(db.url);
  if (!entry) kept.set(db.url, (entry = { at: 0, counts: null, refreshing: null }));
  if (entry.counts && now - entry.at < KEEP_MS) return entry.counts;
  entry.refreshing ??= refresh(db, entry, now);
  if (!entry.counts) return entry.refreshing;
  // A refresh that fails behind a page keeps the previous counts; the next ask tries again.
  entry.refreshing.catch(() => undefined);
  return entry.counts;
}

async function refresh(db: Database, entry: Kept, now: number): Promise<CategoryCount[]> {
  try {
    const counts = (await db.store.categoryCounts()).filter((count) => isArxivCategory(count.category));
    entry.counts = counts;
    entry.at = now;
    return counts;
  } finally {
    entry.refreshing = null;
  }
}
