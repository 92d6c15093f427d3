import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { GET as dailyPapers } from "../../app/api/daily_papers/route";
import { GET as feedRoute } from "../../app/api/feed/[format]/[[...page]]/route";
import { GET as markdownRoute } from "../../app/api/markdown/[...id]/route";
import { GET as searchApi } from "../../app/api/papers/search/route";
import { splitFeedPath } from "../../lib/feeds/feed-path";
import { seedFixtureDays, useAppDatabase } from "../support/app-database";
import { providers } from "../support/databases";

const ORIGIN = "http://papers.test";

/** Fetches a feed the way proxy.ts routes "{page}/feed.xml": split, then the feed route handler. */
async function fetchFeed(address: string): Promise<Response> {
  const url = new URL(address, ORIGIN);
  const feed = splitFeedPath(url.pathname);
  if (!feed) throw new Error(`${address} is not a feed address`);
  const page = feed.pagePath.split("/").filter(Boolean).map(decodeURIComponent);
  return feedRoute(new Request(url), { params: Promise.resolve({ format: feed.format, page }) });
}

async function readFeed(address: string) {
  const response = await fetchFeed(address);
  expect(response.status).toBe(200);
  return { contentType: response.headers.get("content-type"), feed: parseFeed(await response.text()) };
}

const apiTitles = async (response: Response) => ((await response.json()) as Array<{ title: string }>).map((entry) => entry.title);

// Feeds read through the same queries as the pages: checked against the JSON API of the same
// papers, and parsed by an independent feed parser (@rowanmanning/feed-parser, not feedsmith
// which writes them).
describe.each(providers())("RSS, Atom and markdown on $name", (provider) => {
  useAppDatabase(provider, seedFixtureDays);

  it("gives a day's RSS feed the day's papers in the page's order, with authors, abstract, link and date", async () => {
    const { contentType, feed } = await readFeed("/papers/date/2024-10-25/feed.xml");
    expect(contentType).toContain("application/rss+xml");
    expect(feed.meta.type).toBe("rss");
    const expected = await apiTitles(await dailyPapers(new Request(`${ORIGIN}/api/daily_papers?date=2024-10-25&sort=trending`)));
    expect(expected.length).toBeGreaterThan(0);
    expect(feed.items.map((item) => item.title)).toEqual(expected);
    const first = feed.items.find((item) => item.url === `${ORIGIN}/papers/2410.17243`)!;
    expect(first.authors.map((author) => author.name)).toContain("Zesen Cheng");
    expect(first.description).toMatch(/contrastive/i);
    expect(first.published?.toISOString()).toBe("2024-10-25T00:00:00.000Z");
    expect(feed.self).toBe(`${ORIGIN}/papers/date/2024-10-25/feed.xml`);
  });

  it("gives a week's Atom feed the week's papers", async () => {
    const { contentType, feed } = await readFeed("/papers/week/2024-W44/feed.atom");
    expect(contentType).toContain("application/atom+xml");
    expect(feed.meta.type).toBe("atom");
    const expected = await apiTitles(await dailyPapers(new Request(`${ORIGIN}/api/daily_papers?week=2024-W44&sort=trending`)));
    expect(feed.items.map((item) => item.title)).toEqual(expected);
    const oldStyle = feed.items.find((item) => item.url === `${ORIGIN}/papers/cond-mat/0102536`);
    expect(oldStyle?.authors).toHaveLength(5);
  });

  it("gives the home page's feed the latest day, and trending its own list", async () => {
    const latest = (await readFeed("/feed.xml")).feed;
    expect(latest.items).toHaveLength(37);
    expect(latest.url).toBe(`${ORIGIN}/`);
    const trending = (await readFeed("/papers/trending/feed.atom")).feed;
    expect(trending.items.length).toBeGreaterThan(0);
  });

  it("gives a search's feed the search's results, filters included", async () => {
    const { feed } = await readFeed("/search/feed.xml?q=attention&sort=newest");
    const expected = await apiTitles(await searchApi(new Request(`${ORIGIN}/api/papers/search?q=attention&sort=newest&limit=50`)));
    expect(expected.length).toBeGreaterThan(1);
    expect(feed.items.map((item) => item.title)).toEqual(expected);
    expect(feed.title).toBe("Search: attention");
  });

  it("escapes markup in titles and abstracts instead of passing it on", async () => {
    const { feed } = await readFeed("/search/feed.atom?q=%3Cscript%3E%22%26");
    expect(feed.title).toBe('Search: <script>"&');
  });

  it("answers feeds of pages that do not exist with 404 and bad searches with 400", async () => {
    expect((await fetchFeed("/papers/date/2025-13-45/feed.xml")).status).toBe(404);
    expect((await fetchFeed("/papers/nonsense/feed.atom")).status).toBe(404);
    const tooLong = await fetchFeed(`/search/feed.xml?q=${"a".repeat(300)}`);
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ error: expect.stringContaining("250 characters") });
    expect((await fetchFeed("/search/feed.xml?q=x&from=yesterday")).status).toBe(400);
  });

  it("serves a paper as markdown, and 404s an unknown one", async () => {
    const response = await markdownRoute(new Request(`${ORIGIN}/papers/2410.17243.md`), { params: Promise.resolve({ id: ["2410.17243"] }) });
    expect(response.headers.get("content-type")).toContain("text/markdown");
    const text = await response.text();
    expect(text).toMatch(/^# Breaking the Memory Barrier/);
    expect(text).toContain("Zesen Cheng");
    expect(text).toContain("- arXiv: <https://arxiv.org/abs/2410.17243>");
    expect(text).toContain(`- Daily Papers: <${ORIGIN}/papers/2410.17243>`);
    expect(text).toContain("**In the feed:** 2024-10-25");
    const missing = await markdownRoute(new Request(`${ORIGIN}/papers/9999.99999.md`), { params: Promise.resolve({ id: ["9999.99999"] }) });
    expect(missing.status).toBe(404);
  });
});
