import { Readable } from "node:stream";
import type { Database } from "../lib/db/database";
import { ingestFromSource } from "../lib/ingest/run";
import { setUpvote } from "../lib/papers/upvotes";

export type Freshness = { afterUpvote: boolean; afterIngest: boolean };

type DailyEntry = { paper: { id: string; upvotes: number } };

// Once more on a dropped connection: a kept-alive socket the server closed while an ingest ran
// (longer than its 5 s keep-alive) fails the first request sent on it.
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers }).catch(() => fetch(url, { headers }));
}
const json = async <T>(url: string, headers?: Record<string, string>): Promise<T> => (await get(url, headers)).json() as Promise<T>;

/**
 * Whatever the server caches must not outlive the data: after the load, an upvote and an ingest
 * made by another process (this one) must show at once in the list, the paper, the search and
 * the feed page, to a reader signed out and to one signed in (`cookie`).
 */
export async function checkFreshness(db: Database, origin: string, cookie: string): Promise<Freshness> {
  const readers: Array<Record<string, string>> = [{}, { cookie }];
  const before = await json<DailyEntry[]>(`${origin}/api/daily_papers`);
  const paper = before[0]!.paper;
  const user = await db.prisma.user.create({ data: { id: `bench-${Date.now()}`, name: "Bench", email: `bench-${Date.now()}@example.org` } });
  await setUpvote(db, { userId: user.id, paperId: paper.id, upvoted: true });
  let afterUpvote = true;
  for (const headers of readers) {
    const listed = (await json<DailyEntry[]>(`${origin}/api/daily_papers?limit=100`, headers)).find((entry) => entry.paper.id === paper.id);
    const single = await json<{ upvotes: number }>(`${origin}/api/papers/${paper.id}`, headers);
    afterUpvote &&= listed?.paper.upvotes === paper.upvotes + 1 && single.upvotes === paper.upvotes + 1;
  }

  const line = JSON.stringify({
    id: "2510.99999",
    title: "Zyxwvutsrq freshness of cached answers",
    abstract: "A paper ingested while the server runs.",
    authors_parsed: [["Bench", "Fresh", ""]],
    categories: "cs.DB",
    versions: [{ version: "v1", created: "Fri, 31 Oct 2025 10:00:00 GMT" }],
  });
  await ingestFromSource(db, { source: "-", stdin: Readable.from([Buffer.from(line)]) });
  let afterIngest = true;
  for (const headers of readers) {
    const latest = await json<DailyEntry[]>(`${origin}/api/daily_papers`, headers);
    const found = await json<DailyEntry[]>(`${origin}/api/papers/search?q=zyxwvutsrq`, headers);
    const feed = await (await get(`${origin}/`, headers)).text();
    afterIngest &&= latest.some((entry) => entry.paper.id === "2510.99999") && found[0]?.paper.id === "2510.99999" && feed.includes("Zyxwvutsrq freshness");
  }
  return { afterUpvote, afterIngest };
}
