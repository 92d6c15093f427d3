import type { Database } from "../db/database";
import { dayPeriod, type Period } from "../papers/period";
import { latestFeedDay, listFeed, listTrending } from "../papers/queries";
import type { PaperView } from "../papers/view";
import { searchParamsObject } from "../papers/query-params";
import { searchParamsSchema } from "../search/params";
import { searchPapers } from "../search/search";
import { formatDay, formatMonth } from "../text/format";
import type { FeedRequest } from "./feed-request";

export type FeedContent = { title: string; description: string; papers: PaperView[] };

/** A feed reader gets at most this many items; a month of papers is read on its page. */
export const FEED_ITEM_LIMIT = 100;
const searchSchema = searchParamsSchema({ maxLimit: FEED_ITEM_LIMIT, defaultLimit: 50 });

function periodLabel(period: Period): string {
  if (period.kind === "day") return formatDay(period.start);
  if (period.kind === "month") return formatMonth(period.start);
  return `week ${period.key}`;
}

/** The papers of a feed, read through the same queries as the page it mirrors. */
export async function loadFeed(db: Database, request: FeedRequest): Promise<FeedContent> {
  if (request.kind === "trending") {
    return {
      title: "Trending papers",
      description: "The last seven days of Daily Papers, ranked by trending score.",
      papers: await listTrending(db, { limit: FEED_ITEM_LIMIT }),
    };
  }
  if (request.kind === "search") {
    const params = searchSchema.parse(searchParamsObject(request.query));
    const results = params.q.trim()
      ? await searchPapers(db, {
          q: params.q,
          filters: { from: params.from, before: params.before, category: params.category },
          sort: params.sort,
          limit: params.limit,
        })
      : null;
    return { title: `Search: ${params.q}`, description: `Papers matching “${params.q}”.`, papers: results?.hits.map((hit) => hit.paper) ?? [] };
  }
  const period = request.kind === "period" ? request.period : await latestPeriod(db);
  if (!period) return { title: "Daily Papers", description: "No papers yet.", papers: [] };
  const { papers } = await listFeed(db, { period, sort: request.sort, limit: FEED_ITEM_LIMIT });
  const title = request.kind === "latest" ? "Daily Papers" : `Daily Papers: ${periodLabel(period)}`;
  return { title, description: `Papers of ${periodLabel(period)}, as chosen by the research community.`, papers };
}

async function latestPeriod(db: Database): Promise<Period | null> {
  const latest = await latestFeedDay(db);
  return latest ? dayPeriod(latest) : null;
}
