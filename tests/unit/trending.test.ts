import { describe, expect, it } from "vitest";
import { rankByTrending, trendingScore } from "../../lib/papers/trending";

const NOW = new Date("2026-11-25T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe("trending", () => {
  it("is upvotes / (hours since the feed day + 2)^1.5", () => {
    expect(trendingScore({ upvotes: 10, feedDate: hoursAgo(0), now: NOW })).toBeCloseTo(10 / 2 ** 1.5, 10);
    expect(trendingScore({ upvotes: 10, feedDate: hoursAgo(23), now: NOW })).toBeCloseTo(10 / 25 ** 1.5, 10);
    expect(trendingScore({ upvotes: 0, feedDate: hoursAgo(1), now: NOW })).toBe(0);
    // A feed day in the future (clock skew) counts as now, never as a negative age.
    expect(trendingScore({ upvotes: 4, feedDate: new Date(NOW.getTime() + 3_600_000), now: NOW })).toBeCloseTo(4 / 2 ** 1.5, 10);
  });

  it("ranks a few fresh votes above many old ones, then newest, then id", () => {
    const papers = [
      { id: "old-popular", upvotes: 100, feedDate: hoursAgo(24 * 7), publishedAt: hoursAgo(24 * 8) },
      { id: "fresh", upvotes: 10, feedDate: hoursAgo(6), publishedAt: hoursAgo(30) },
      { id: "b-quiet", upvotes: 0, feedDate: hoursAgo(6), publishedAt: hoursAgo(10) },
      { id: "a-quiet", upvotes: 0, feedDate: hoursAgo(6), publishedAt: hoursAgo(10) },
      { id: "newer-quiet", upvotes: 0, feedDate: hoursAgo(6), publishedAt: hoursAgo(2) },
    ];
    // 10 / 8^1.5 = 0.44 beats 100 / 170^1.5 = 0.045.
    expect(rankByTrending(papers, NOW).map((paper) => paper.id)).toEqual(["fresh", "old-popular", "newer-quiet", "a-quiet", "b-quiet"]);
  });
});
