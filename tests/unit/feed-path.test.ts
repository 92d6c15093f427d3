import { describe, expect, it } from "vitest";
import { feedHrefs, splitFeedPath } from "../../lib/feeds/feed-path";
import { parseFeedPath } from "../../lib/feeds/feed-request";

describe("feed addresses", () => {
  it("puts a page's feeds at its own address", () => {
    expect(feedHrefs("/")).toEqual({ rss: "/feed.xml", atom: "/feed.atom" });
    expect(feedHrefs("/search", "q=llm&sort=newest")).toEqual({ rss: "/search/feed.xml?q=llm&sort=newest", atom: "/search/feed.atom?q=llm&sort=newest" });
  });

  it("splits a feed address back into the page and the format", () => {
    expect(splitFeedPath("/feed.xml")).toEqual({ pagePath: "/", format: "rss" });
    expect(splitFeedPath("/papers/week/2025-W50/feed.atom")).toEqual({ pagePath: "/papers/week/2025-W50", format: "atom" });
    expect(splitFeedPath("/papers/feed.json")).toBeNull();
    expect(splitFeedPath("/papers/2312.00752")).toBeNull();
  });

  it("maps pages to what their feeds list, and nothing else", () => {
    const none = new URLSearchParams();
    expect(parseFeedPath("/", none)).toEqual({ kind: "latest", sort: "trending" });
    expect(parseFeedPath("/papers/date/2025-12-12", new URLSearchParams("sort=newest"))).toMatchObject({
      kind: "period",
      sort: "newest",
      period: { kind: "day", key: "2025-12-12" },
    });
    expect(parseFeedPath("/papers/month/2025-12", none)).toMatchObject({ period: { kind: "month" } });
    expect(parseFeedPath("/papers/trending", none)).toEqual({ kind: "trending" });
    expect(parseFeedPath("/search", new URLSearchParams("q=x"))).toMatchObject({ kind: "search" });
    for (const path of ["/papers/date/2025-02-30", "/papers/week/2025-W60", "/papers/2312.00752", "/papers/upvoted", "/api/papers"]) {
      expect(parseFeedPath(path, none)).toBeNull();
    }
  });
});
