import { decodeHTML } from "entities";
import { collapseWhitespace, dateOrInvalid, splitAuthorList } from "../normalize";
import { arxivIdFromUrl, isArxivCategory, normalizeArxivId } from "../../papers/identity";
import { rejected, toRecord, type ParsedRecord } from "../record";
import { readFeedDocument, textOf, type ParsedFeed } from "./xml-feed";

/**
 * RSS 2.0, Atom, RDF and JSON Feed lists of papers (arXiv's listing feeds, third-party daily
 * papers feeds). Items are mapped to one shape first, so each field is read in one place.
 */
export function parseFeed(text: string): ParsedRecord[] {
  const document = readFeedDocument(text);
  if ("error" in document) return [rejected("document", document.error)];
  return feedItems(document.feed).map((item, index) => readItem(item, `item ${index + 1}`));
}

type FeedItem = {
  title?: string;
  summary?: string;
  date?: unknown;
  links: string[];
  ids: string[];
  authors: string[];
  tags: string[];
};

type Named = { name?: string } | string;
const nameOf = (person: Named) => (typeof person === "string" ? person : (person.name ?? ""));
// arXiv's RSS gives all authors in one dc:creator, comma-separated.
const splitNames = (names: string[]) => names.flatMap(splitAuthorList);

function feedItems({ format, feed }: ParsedFeed): FeedItem[] {
  switch (format) {
    case "rss":
    case "rdf":
      return (feed.items ?? []).map((item) => {
        const dc = item.dc as { creators?: string[]; creator?: string; date?: string; dates?: string[] } | undefined;
        const rssAuthors = "authors" in item ? ((item.authors ?? []) as Named[]).map(nameOf) : [];
        const guid = "guid" in item ? item.guid : undefined;
        return {
          title: item.title,
          summary: item.description ?? ("content" in item ? item.content?.encoded : undefined),
          date: ("pubDate" in item ? item.pubDate : undefined) ?? dc?.date ?? dc?.dates?.[0],
          links: [item.link ?? ""],
          ids: [typeof guid === "object" && guid ? (guid.value ?? "") : ""],
          authors: splitNames([...rssAuthors, ...(dc?.creators ?? (dc?.creator ? [dc.creator] : []))]),
          tags: "categories" in item ? (item.categories ?? []).map((category) => category.name ?? "") : [],
        };
      });
    case "atom":
      return (feed.entries ?? []).map((entry) => ({
        title: textOf(entry.title),
        summary: textOf(entry.summary) ?? textOf(entry.content),
        date: entry.published ?? entry.updated,
        links: (entry.links ?? []).map((link) => link.href ?? ""),
        ids: [entry.id ?? ""],
        authors: (entry.authors ?? []).map(nameOf),
        tags: (entry.categories ?? []).map((category) => category.term ?? ""),
      }));
    case "json":
      return (feed.items ?? []).map((item) => ({
        title: item.title,
        summary: item.summary ?? item.content_text ?? item.content_html,
        date: item.date_published ?? item.date_modified,
        links: [item.url ?? "", item.external_url ?? ""],
        ids: [String(item.id ?? "")],
        authors: (item.authors ?? []).map(nameOf),
        tags: item.tags ?? [],
      }));
  }
}

// arXiv's RSS descriptions start "arXiv:2511.01234v1 Announce Type: new \nAbstract: ...".
const ARXIV_RSS_PREFIX = /^arXiv:\S+\s+Announce Type:\s*\S+\s+Abstract:\s*/i;

function readItem(item: FeedItem, at: string): ParsedRecord {
  const arxivId = item.links.map(arxivIdFromUrl).find(Boolean) ?? item.ids.map((id) => arxivIdFromUrl(id) ?? normalizeArxivId(id)).find(Boolean) ?? null;
  const authors = item.authors.map(collapseWhitespace).filter(Boolean);
  return toRecord(at, {
    arxivId,
    title: item.title === undefined ? undefined : plainText(item.title),
    abstract: plainText(item.summary ?? "").replace(ARXIV_RSS_PREFIX, ""),
    authors,
    authorCount: authors.length,
    publishedAt: dateOrInvalid(item.date),
    categories: [...new Set(item.tags.map((tag) => tag.trim()).filter(isArxivCategory))],
  });
}

/** Feed summaries are often HTML: drop the tags, decode the entities, collapse the white space. */
function plainText(html: string): string {
  // A tag holds no "<": with /<[^>]*>/ every "<" of a text without ">" would scan to its end
  // (quadratic: 16 s for 100 KB of "<").
  return collapseWhitespace(decodeHTML(html.replace(/<[^<>]*>/g, " ")));
}
