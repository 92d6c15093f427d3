import { parsePeriod, type Period, type PeriodKind } from "../papers/period";
import { FEED_SORTS, type FeedSort } from "../papers/queries";

/** What a feed lists: the same papers as the page it belongs to. */
export type FeedRequest =
  { kind: "latest"; sort: FeedSort } | { kind: "period"; period: Period; sort: FeedSort } | { kind: "trending" } | { kind: "search"; query: URLSearchParams };

const PERIOD_KINDS = { date: "day", week: "week", month: "month" } as const satisfies Record<string, PeriodKind>;

/**
 * Every page with papers has its feed at its own address plus /feed.xml (RSS 2.0) or /feed.atom
 * (Atom): "/" -> "/feed.xml", "/papers/date/2025-12-12" -> "/papers/date/2025-12-12/feed.atom",
 * "/search?q=llm" -> "/search/feed.xml?q=llm". Returns null for a path that is not such a page.
 */
export function parseFeedPath(pagePath: string, query: URLSearchParams): FeedRequest | null {
  const sort = FEED_SORTS.find((value) => value === query.get("sort")) ?? "trending";
  const path = pagePath.replace(/\/+$/, "");
  if (path === "" || path === "/papers") return { kind: "latest", sort };
  if (path === "/papers/trending") return { kind: "trending" };
  if (path === "/search") return { kind: "search", query };
  const match = /^\/papers\/(date|week|month)\/([^/]+)$/.exec(path);
  const period = match ? parsePeriod(PERIOD_KINDS[match[1] as keyof typeof PERIOD_KINDS], match[2]!) : null;
  return period ? { kind: "period", period, sort } : null;
}
