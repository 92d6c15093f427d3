import { Readable } from "node:stream";
import type { Database } from "../lib/db/database";
import { ingestFromSource } from "../lib/ingest/run";
import { setUpvote } from "../lib/papers/upvotes";

export type Freshness = { afterUpvote: boolean; afterIngest: boolean };

type DailyEntry = { paper: { id: string; upvotes: number } };

// Once more on a dropped connection: a kept-alive socket the server closed while an ingest ran
// (longer than its 5 s keep-alive) fails the first request sent on it.
async function get(url: string): Promise<Response> {
  return fetch(url).catch(() => fetch(url));
}
const json = async <T>(url: string): Promise<T> => (await get(url)).json() as Promise<T>;

/**
 * Whatever the server caches must not outlive the data: after the load, an upvote and an ingest
 * made by another process (this one) must show at once in the list, the paper, the search and
 * the feed page.
 */
export async function checkFreshness(db: Database, origin: string): Promise<Freshness> {
  const before = await json<DailyEntry[]>(`${origin}/api/daily_papers`);
  const paper = before[0]!.paper;
  const user = await db.prisma.user.create({ data: { id: `bench-${Date.now()}`, name: "Bench", email: `bench-${Date.now()}@example.org` } });
  await setUpvote(db, { userId: user.id, paperId: paper.id, upvoted: true });
  const listed = (await json<DailyEntry[]>(`${origin}/api/daily_papers?limit=100`)).find((entry) => entry.paper.id === paper.id);
  const single = await json<{ upvotes: number }>(`${origin}/api/papers/${paper.id}`);
  const afterUpvote = listed?.paper.upvotes === paper.upvotes + 1 && single.upvotes === paper.upvotes + 1;

  const line = JSON.stringify({
    id: "2510.99999",
    title: "Zyxwvutsrq freshness of cached answers",
    abstract: "A paper ingested while the server runs.",
    authors_parsed: [["Bench", "Fresh", ""]],
    categories: "cs.DB",
    versions: [{ version: "v1", created: "Fri, 31 Oct 2025 10:00:00 GMT" }],
  });
  await ingestFromSource(db, { source: "-", stdin: Readable.from([Buffer.from(line)]) });
  const latest = await json<DailyEntry[]>(`${origin}/api/daily_papers`);
  const found = await json<DailyEntry[]>(`${origin}/api/papers/search?q=zyxwvutsrq`);
  const feed = await (await get(`${origin}/`)).text();
  const afterIngest = latest.some((entry) => entry.paper.id === "2510.99999") && found[0]?.paper.id === "2510.99999" && feed.includes("Zyxwvutsrq freshness");
  return { afterUpvote, afterIngest };
}
