// GET /api/papers/search?q=&limit= — Hugging Face's shape (entries like /api/daily_papers), best first.
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { searchParamsObject } from "@/lib/papers/query-params";
import { toApiDailyEntry } from "@/lib/papers/view";
import { limitSearch } from "@/lib/rate-limit/http";
import { searchParamsSchema } from "@/lib/search/params";
import { searchPapers } from "@/lib/search/search";

const schema = searchParamsSchema({ maxLimit: 120, defaultLimit: 20 });

export async function GET(request: Request) {
  try {
    const params = schema.parse(searchParamsObject(new URL(request.url).searchParams));
    if (!params.q.trim()) return Response.json([]);
    await limitSearch(getDatabase(), request.headers);
    const results = await searchPapers(getDatabase(), {
      q: params.q,
      filters: { from: params.from, before: params.before, category: params.category },
      sort: params.sort,
      page: params.p,
      limit: params.limit,
    });
    return Response.json(results.hits.map((hit) => toApiDailyEntry(hit.paper)));
  } catch (error) {
    return toErrorResponse(error);
  }
}
