// GET /api/papers/{id} — one paper; old-style ids ("hep-th/9901001") span two path segments.
// POST and DELETE /api/papers/{id}/upvote — set or clear the signed-in account's upvote.
// POST and DELETE /api/papers/{id}/hidden — admins hide a paper from the feed or show it again.
import { requireSessionUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/database";
import { NotFoundError } from "@/lib/errors";
import { clientAddressOf } from "@/lib/http/client-address";
import { toErrorResponse } from "@/lib/http/error-response";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { setPaperHidden } from "@/lib/papers/admin";
import { getPaper } from "@/lib/papers/queries";
import { paperIdInput, setUpvote } from "@/lib/papers/upvotes";
import { toApiPaper } from "@/lib/papers/view";

type Context = { params: Promise<{ id: string[] }> };

export async function GET(_request: Request, { params }: Context) {
  try {
    const { id } = await params;
    return Response.json(toApiPaper(await getPaper(getDatabase(), paperIdInput(id.join("/")))));
  } catch (error) {
    return toErrorResponse(error);
  }
}

/**
 * `{id}/upvote` and `{id}/hidden`: POST sets, DELETE clears. Every mutation refuses a cross-site
 * request (403) and an anonymous one (401) before it looks at anything else. Upvotes are rate
 * limited (429 with Retry-After).
 */
const mutation =
  (on: boolean) =>
  async (request: Request, { params }: Context) => {
    try {
      assertSameOrigin(request);
      const user = await requireSessionUser(request.headers);
      const { id } = await params;
      const paperId = id.slice(0, -1).join("/");
      const db = getDatabase();
      if (id.length >= 2 && id.at(-1) === "upvote") {
        return Response.json(await setUpvote(db, { userId: user.id, paperId, upvoted: on, clientAddress: clientAddressOf(request.headers) }));
      }
      if (id.length >= 2 && id.at(-1) === "hidden") {
        await setPaperHidden(db, { user, paperId, hidden: on });
        return Response.json({ hidden: on });
      }
      throw new NotFoundError("POST and DELETE go to /api/papers/{id}/upvote or /api/papers/{id}/hidden.");
    } catch (error) {
      return toErrorResponse(error);
    }
  };

export const POST = mutation(true);
export const DELETE = mutation(false);
