import type { Database } from "../lib/db/database";
import { ingestFromSource } from "../lib/ingest/run";
import { setUpvote } from "../lib/papers/upvotes";
import type { ViewerAnswer } from "../lib/viewer/viewer";
import { arxivLine, asStdin } from "../tests/support/arxiv-line";

export type Freshness = {
  /** The JSON API and the viewer answer have the vote in the next request; the page within a background render. */
  afterUpvote: boolean;
  /** The JSON API and search have the paper in the next request; the home page within a background render. */
  afterIngest: boolean;
  /** The longest a page took to show a write, while it rendered again behind its previous copy. */
  pageCatchUpMs: number;
  /** The month page right after an upvote: how long the first request waited, and how long rendering it takes. */
  monthAfterUpvote: { firstRequestMs: number; answeredAs: string | null; renderMs: number };
};

type DailyEntry = { paper: { id: string; upvotes: number; publishedAt: string } };

// Once more on a dropped connection: a kept-alive socket the server closed while an ingest ran
// (longer than its 5 s keep-alive) fails the first request sent on it.
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers }).catch(() => fetch(url, { headers }));
}
const json = async <T>(url: string, headers?: Record<string, string>): Promise<T> => (await get(url, headers)).json() as Promise<T>;
const timedGet = async (url: string, headers?: Record<string, string>) => {
  const started = performance.now();
  const response = await get(url, headers);
  await response.text();
  return { ms: performance.now() - started, answeredAs: response.headers.get("x-response-cache") };
};

/** How long until the page's HTML holds `text` (a page is served from its previous copy while it renders again); -1 if not within 10 s. */
async function catchUp(url: string, headers: Record<string, string>, text: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 10_000) {
    if ((await (await get(url, headers)).text()).includes(text)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return -1;
}

/**
 * Whatever the server caches must not outlive the data: after the load, an upvote and an ingest
 * made by another process (this one) must show at once in the JSON API, the viewer answer and
 * search, to a reader signed out and to one signed in (`cookie`); a page may be its previous
 * copy while it renders again, and must catch up within that render. And after a write, the
 * month page (the costliest render) must not make its first reader wait for a slow render.
 */
export async function checkFreshness(db: Database, origin: string, cookie: string): Promise<Freshness> {
  const readers: Array<Record<string, string>> = [{}, { cookie }];
  const before = await json<DailyEntry[]>(`${origin}/api/daily_papers`);
  const paper = before[0]!.paper;
  const month = `${origin}/papers/month/${paper.publishedAt.slice(0, 7)}`;
  const user = await db.prisma.user.create({ data: { id: `bench-${Date.now()}`, name: "Bench", email: `bench-${Date.now()}@example.org` } });
  // Renders of the month, a write apart: a page is served stale only once two of its renders
  // were slow (lib/http/response-cache.ts), and each worker keeps its own copies. Every answer is
  // read whole, so the next request goes out on the same kept-alive connection, to the same
  // worker. The last is timed: what a render costs.
  await timedGet(month);
  await setUpvote(db, { userId: user.id, paperId: before[1]!.paper.id, upvoted: true });
  const rendered = await timedGet(month);
  await setUpvote(db, { userId: user.id, paperId: paper.id, upvoted: true });
  const first = await timedGet(month);
  let afterUpvote = true;
  let pageCatchUpMs = 0;
  for (const headers of readers) {
    const listed = (await json<DailyEntry[]>(`${origin}/api/daily_papers?limit=100`, headers)).find((entry) => entry.paper.id === paper.id);
    const single = await json<{ upvotes: number }>(`${origin}/api/papers/${paper.id}`, headers);
    const viewer = await json<ViewerAnswer>(`${origin}/api/viewer?papers=${encodeURIComponent(paper.id)}`, headers);
    const page = await catchUp(`${origin}/papers/${paper.id}`, headers, `aria-label="${paper.upvotes + 1} upvote`);
    afterUpvote &&=
      listed?.paper.upvotes === paper.upvotes + 1 && single.upvotes === paper.upvotes + 1 && viewer.upvotes[paper.id] === paper.upvotes + 1 && page >= 0;
    pageCatchUpMs = Math.max(pageCatchUpMs, page);
  }

  const line = arxivLine({
    id: "2510.99999",
    title: "Zyxwvutsrq freshness of cached answers",
    abstract: "A paper ingested while the server runs.",
    categories: "cs.DB",
    created: new Date("2025-10-31T10:00:00Z"),
  });
  await ingestFromSource(db, { source: "-", stdin: asStdin(line) });
  let afterIngest = true;
  for (const headers of readers) {
    const latest = await json<DailyEntry[]>(`${origin}/api/daily_papers`, headers);
    const found = await json<DailyEntry[]>(`${origin}/api/papers/search?q=zyxwvutsrq`, headers);
    const feed = await catchUp(`${origin}/`, headers, "Zyxwvutsrq freshness");
    afterIngest &&= latest.some((entry) => entry.paper.id === "2510.99999") && found[0]?.paper.id === "2510.99999" && feed >= 0;
    pageCatchUpMs = Math.max(pageCatchUpMs, feed);
  }
  return { afterUpvote, afterIngest, pageCatchUpMs, monthAfterUpvote: { firstRequestMs: first.ms, answeredAs: first.answeredAs, renderMs: rendered.ms } };
}
