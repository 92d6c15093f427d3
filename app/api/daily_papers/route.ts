// GET /api/daily_papers?date=|week=|month=&p=&limit=&sort=&submitter= — Hugging Face's daily list shape.
// sort=for-you is the signed-in reader's own order (lib/recs/for-you-response.ts).
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { dayPeriod } from "@/lib/papers/period";
import { latestFeedDay, listFeed } from "@/lib/papers/queries";
import { dailyPapersQuerySchema, searchParamsObject } from "@/lib/papers/query-params";
import { toApiDailyEntry } from "@/lib/papers/view";
import { forYouResponse } from "@/lib/recs/for-you-response";

export async function GET(request: Request) {
  try {
    const query = dailyPapersQuerySchema.parse(searchParamsObject(new URL(request.url).searchParams));
    const db = getDatabase();
    if (query.sort === "for-you") return forYouResponse(db, request, { period: query.date ?? query.week ?? query.month ?? null, limit: query.limit });
    const period = query.date ?? query.week ?? query.month ?? (await latestFeedDay(db).then((day) => day && dayPeriod(day)));
    if (!period) return Response.json([]);
    const feed = await listFeed(db, { period, sort: query.sort, page: query.p, limit: query.limit, submitter: query.submitter });
    return Response.json(feed.papers.map(toApiDailyEntry));
  } catch (error) {
    return toErrorResponse(error);
  }
}
