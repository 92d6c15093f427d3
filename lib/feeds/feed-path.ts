// Feed addresses only, no database: proxy.ts imports this.

export const FEED_FORMATS = { "feed.xml": "rss", "feed.atom": "atom" } as const;
export type FeedFormat = (typeof FEED_FORMATS)[keyof typeof FEED_FORMATS];

/** The feed addresses of a page, for <link rel="alternate"> and the feed's own self link. */
export function feedHrefs(pagePath: string, query = ""): Record<FeedFormat, string> {
  const base = pagePath === "/" ? "" : pagePath.replace(/\/+$/, "");
  const suffix = query ? `?${query}` : "";
  return { rss: `${base}/feed.xml${suffix}`, atom: `${base}/feed.atom${suffix}` };
}

/** Splits "/papers/date/2025-12-12/feed.xml" into the page path and the format, or null. */
export function splitFeedPath(path: string): { pagePath: string; format: FeedFormat } | null {
  const match = /^(.*)\/(feed\.xml|feed\.atom)$/.exec(path);
  if (!match) return null;
  return { pagePath: match[1] || "/", format: FEED_FORMATS[match[2] as keyof typeof FEED_FORMATS] };
}
