// GET /api/papers/for-you?date=|week=|month=&limit= and GET /api/daily_papers?sort=for-you: the
// signed-in reader's For you in /api/daily_papers' shape, best first. Without a period, the
// best unseen papers of the feed's last 30 days. Personal: never kept by any cache.
import { requireSessionUser } from "../auth/session";
import type { Database } from "../db/database";
import { toErrorResponse } from "../http/error-response";
import type { Period } from "../papers/period";
import { toApiDailyEntry } from "../papers/view";
import { forYou } from "./for-you";
import { recentPeriod } from "./recent";

const PERSONAL = { "cache-control": "private, no-store", vary: "Cookie" };

/**
 * The answer for a period (or null: the last 30 days). Too few upvotes to rank by: trending,
 * with `X-For-You: trending; upvotes-needed=N` saying so; otherwise `X-For-You: ranked`.
 */
export async function forYouResponse(db: Database, request: Request, query: { period: Period | null; limit: number }): Promise<Response> {
  try {
    const user = await requireSessionUser(request.headers);
    const period = query.period ?? (await recentPeriod(db));
    if (!period) return Response.json([], { headers: { ...PERSONAL, "x-for-you": "ranked" } });
    const answer = await forYou(db, { userId: user.id, period, limit: query.limit, unseen: query.period === null });
    if (answer.status === "needs-upvotes") {
      return Response.json(answer.trending.map(toApiDailyEntry), { headers: { ...PERSONAL, "x-for-you": `trending; upvotes-needed=${answer.needed}` } });
    }
    return Response.json(
      answer.picks.map((pick) => toApiDailyEntry(pick.paper)),
      { headers: { ...PERSONAL, "x-for-you": "ranked" } },
    );
  } catch (error) {
    const response = toErrorResponse(error);
    for (const [name, value] of Object.entries(PERSONAL)) response.headers.set(name, value);
    return response;
  }
}
