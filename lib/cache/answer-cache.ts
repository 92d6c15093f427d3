import type { Database } from "../db/database";

// While being computed an answer is a promise; once there, its value. A promise made during a
// request carries that request's whole state with it (lib/http/outside-requests.ts), so a kept
// promise would keep the request alive as long as the answer is kept.
type Entry = { version: number; pending: Promise<unknown> } | { version: number; value: unknown };

// Enough for the pages people look at (the latest days, the common searches); each entry is at
// most a page of papers, so the cache stays within a few tens of MB.
const MAX_ENTRIES = 300;
const entries = new Map<string, Entry>();

/**
 * An answer computed once per version of the data: the same key asked again before anything is
 * written to the database gets the same answer, and any write (an upvote, a comment, an ingest
 * from another process or instance) makes every answer stale at once (Store.dataVersion). Least
 * recently used answers are dropped first.
 */
export async function cachedAnswer<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await db.store.dataVersion();
  const cacheKey = `${db.url}\u0000${key}`;
  const hit = entries.get(cacheKey);
  entries.delete(cacheKey);
  if (hit && hit.version === version) {
    entries.set(cacheKey, hit);
    return "value" in hit ? (hit.value as T) : (hit.pending as Promise<T>);
  }
  const pending = compute();
  const entry: Entry = { version, pending };
  entries.set(cacheKey, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  pending.then(
    (value) => entries.get(cacheKey) === entry && entries.set(cacheKey, { version, value }),
    // A failed computation is not an answer: drop it so the next call tries again.
    () => entries.get(cacheKey) === entry && entries.delete(cacheKey),
  );
  return pending;
}

/** Forgets every answer (a benchmark measuring the work itself, not the cache). */
export function clearAnswerCache(): void {
  entries.clear();
}
