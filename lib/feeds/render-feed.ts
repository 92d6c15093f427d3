import { generateAtomFeed, generateRssFeed } from "feedsmith";
import { paperHref } from "../papers/urls";
import type { PaperView } from "../papers/view";
import type { FeedContent } from "./feed-content";
import type { FeedFormat } from "./feed-path";

export type RenderedFeed = { body: string; contentType: string };

type FeedAddresses = { origin: string; pagePath: string; selfPath: string };

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

/** The newest date a feed can claim as its update time; a fixed one when it is empty. */
function lastChange(papers: PaperView[]): Date {
  const times = papers.map((paper) => Date.parse(paper.feedDate));
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}

/**
 * RSS 2.0 or Atom 1.0 through feedsmith (the library that also reads feeds for ingest), so the
 * escaping and the date formats are the library's, not ours. Each item carries the title, the
 * authors (dc:creator in RSS, author in Atom), the abstract, the paper's link and its feed day.
 */
export function renderFeed(content: FeedContent, options: FeedAddresses & { format: FeedFormat }): RenderedFeed {
  const { origin, pagePath, selfPath, format } = options;
  const link = (path: string) => new URL(path, origin).href;
  const updated = lastChange(content.papers);
  if (format === "rss") {
    const body = generateRssFeed({
      title: content.title,
      link: link(pagePath),
      description: content.description,
      lastBuildDate: updated,
      atom: { links: [{ href: link(selfPath), rel: "self", type: "application/rss+xml" }] },
      items: content.papers.map((paper) => ({
        title: paper.title,
        link: link(paperHref(paper.id)),
        guid: { value: link(paperHref(paper.id)), isPermaLink: true },
        description: paper.abstract,
        pubDate: new Date(paper.feedDate),
        dc: { creators: paper.authors },
        categories: paper.categories.map((name) => ({ name })),
      })),
    });
    return { body, contentType: CONTENT_TYPES.rss };
  }
  const body = generateAtomFeed({
    id: link(selfPath),
    title: { value: content.title },
    subtitle: { value: content.description },
    updated,
    links: [
      { href: link(selfPath), rel: "self", type: "application/atom+xml" },
      { href: link(pagePath), rel: "alternate", type: "text/html" },
    ],
    entries: content.papers.map((paper) => ({
      id: link(paperHref(paper.id)),
      title: { value: paper.title },
      summary: { value: paper.abstract },
      links: [{ href: link(paperHref(paper.id)), rel: "alternate", type: "text/html" }],
      authors: paper.authors.map((name) => ({ name })),
      published: new Date(paper.publishedAt),
      updated: new Date(paper.feedDate),
      categories: paper.categories.map((term) => ({ term })),
    })),
  });
  return { body, contentType: CONTENT_TYPES.atom };
}
