// GET /api/viewer?papers=id,id,… — who is looking and which of those papers they upvoted
// (lib/viewer/viewer.ts). Personal: never stored by any cache.
import { getSessionUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { viewerAnswer, viewerPaperIds } from "@/lib/viewer/viewer";

const PERSONAL = { "cache-control": "private, no-store", vary: "Cookie" };

export async function GET(request: Request) {
  try {
    const paperIds = viewerPaperIds(new URL(request.url).searchParams.get("papers"));
    // No cookie, no session: a visitor's answer needs no lookup.
    const user = request.headers.has("cookie") ? await getSessionUser(request.headers) : null;
    const answer = await viewerAnswer(getDatabase(), user, paperIds);
    return Response.json(answer, { headers: PERSONAL });
  } catch (error) {
    const response = toErrorResponse(error);
    for (const [name, value] of Object.entries(PERSONAL)) response.headers.set(name, value);
    return response;
  }
}
