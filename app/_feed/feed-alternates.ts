import type { Metadata } from "next";
import { feedHrefs } from "@/lib/feeds/feed-path";

/** <link rel="alternate"> to a page's RSS and Atom feeds, so feed readers find them. */
export function feedAlternates(options: { pagePath: string; query?: string; title: string }): Metadata["alternates"] {
  const hrefs = feedHrefs(options.pagePath, options.query);
  return {
    types: {
      "application/rss+xml": [{ url: hrefs.rss, title: `${options.title} (RSS)` }],
      "application/atom+xml": [{ url: hrefs.atom, title: `${options.title} (Atom)` }],
    },
  };
}

/** generateMetadata of /papers/{date|week|month}/{key}: the period's feed links. */
export function periodFeedMetadata(segment: "date" | "week" | "month") {
  return async ({ params }: { params: Promise<Record<string, string>> }): Promise<Metadata> => {
    const key = (await params)[segment] ?? "";
    return { alternates: feedAlternates({ pagePath: `/papers/${segment}/${encodeURIComponent(key)}`, title: `Daily Papers ${key}` }) };
  };
}
