// GET /api/viewer?papers=id,id,… — who is looking, which of those papers they upvoted and their counts
// (lib/viewer/viewer.ts). Personal: never stored by any cache. Served by the production worker
// ahead of Next.js (scripts/serve-app.ts, lib/http/direct-routes.ts), since every page load asks
// for it; app/api/viewer/route.ts serves the same handler under `next dev`.
import { getShownSessionUser } from "../auth/session";
import { getDatabase } from "../db/database";
import { toErrorResponse } from "../http/error-response";
import { viewerAnswer, viewerPaperIds } from "./viewer";

const PERSONAL = { "cache-control": "private, no-store", vary: "Cookie" };

export async function viewerResponse(request: Request): Promise<Response> {
  try {
    const paperIds = viewerPaperIds(new URL(request.url).searchParams.get("papers"));
    // No cookie, no session: a visitor's answer needs no session lookup, only the counts.
    const { user, setCookies } = request.headers.has("cookie") ? await getShownSessionUser(request.headers) : { user: null, setCookies: [] };
    const response = Response.json(await viewerAnswer(getDatabase(), user, paperIds), { headers: PERSONAL });
    // A session extended (or found gone) while looking: the browser gets the cookie's new lifetime.
    for (const setCookie of setCookies) response.headers.append("set-cookie", setCookie);
    return response;
  } catch (error) {
    const response = toErrorResponse(error);
    for (const [name, value] of Object.entries(PERSONAL)) response.headers.set(name, value);
    return response;
  }
}
