// GET /api/daily_papers?date=|week=|month=&p=&limit=&sort= — Hugging Face's daily list shape.
import { cachedAnswer } from "@/lib/cache/answer-cache";
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { dayPeriod } from "@/lib/papers/period";
import { latestFeedDay, listFeed } from "@/lib/papers/queries";
import { dailyPapersQuerySchema, searchParamsObject } from "@/lib/papers/query-params";
import { toApiDailyEntry } from "@/lib/papers/view";

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const query = dailyPapersQuerySchema.parse(searchParamsObject(params));
    const db = getDatabase();
    // The serialized answer is what is kept: until the data changes (or the minute, which moves
    // trending, is over), a request costs a lookup.
    const minute = Math.floor(Date.now() / 60_000);
    const body = await cachedAnswer(db, `GET /api/daily_papers?${params} ${minute}`, async () => {
      const latest = query.date ?? query.week ?? query.month ?? (await latestFeedDay(db).then((day) => day && dayPeriod(day)));
      if (!latest) return Buffer.from("[]");
      const feed = await listFeed(db, { period: latest, sort: query.sort, page: query.p, limit: query.limit });
      // Encoded once: a day's answer is ~70 KB of UTF-8.
      return Buffer.from(JSON.stringify(feed.papers.map(toApiDailyEntry)));
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
