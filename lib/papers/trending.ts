/**
 * Trending, Hacker News style: upvotes decayed by the time since the paper entered the feed,
 *
 *     score = upvotes / (hours since the feed day began + 2) ^ 1.5
 *
 * so a paper with a few votes today outranks one with more votes last week. Papers with no
 * upvotes score 0 and fall back to the newest first.
 */
export const TRENDING_GRAVITY = 1.5;

export function trendingScore({ upvotes, feedDate, now }: { upvotes: number; feedDate: Date; now: Date }): number {
  const hours = Math.max(0, (now.getTime() - feedDate.getTime()) / 3_600_000);
  return upvotes / (hours + 2) ** TRENDING_GRAVITY;
}

type Rankable = { id: string; upvotes: number; feedDate: Date; publishedAt: Date };

/** Orders papers by trending score, then newest publication, then id (a stable order). */
export function rankByTrending<T extends Rankable>(papers: T[], now: Date): T[] {
  const scored = papers.map((paper) => ({ paper, score: trendingScore({ upvotes: paper.upvotes, feedDate: paper.feedDate, now }) }));
  scored.sort(
    (a, b) =>
      b.score - a.score || b.paper.publishedAt.getTime() - a.paper.publishedAt.getTime() || (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0),
  );
  return scored.map((entry) => entry.paper);
}
