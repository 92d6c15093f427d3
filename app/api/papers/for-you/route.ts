// GET /api/papers/for-you?date=|week=|month=&limit= — the signed-in reader's For you (lib/recs/for-you-response.ts).
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { dailyPapersQuerySchema, searchParamsObject } from "@/lib/papers/query-params";
import { forYouResponse } from "@/lib/recs/for-you-response";

export async function GET(request: Request) {
  try {
    const query = dailyPapersQuerySchema.parse(searchParamsObject(new URL(request.url).searchParams));
    return forYouResponse(getDatabase(), request, { period: query.date ?? query.week ?? query.month ?? null, limit: query.limit });
  } catch (error) {
    return toErrorResponse(error);
  }
}
