// GET /api/papers/{id} — one paper; old-style ids ("hep-th/9901001") span two path segments.
// POST and DELETE /api/papers/{id}/upvote — set or clear the signed-in account's upvote.
import { requireSessionUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/database";
import { NotFoundError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/error-response";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { getPaper } from "@/lib/papers/queries";
import { setUpvote } from "@/lib/papers/upvotes";
import { toApiPaper } from "@/lib/papers/view";

type Context = { params: Promise<{ id: string[] }> };

export async function GET(_request: Request, { params }: Context) {
  try {
    const { id } = await params;
    return Response.json(toApiPaper(await getPaper(getDatabase(), id.join("/"))));
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** `.../upvote`: the paper id is everything before it. */
async function upvotePaperId({ params }: Context): Promise<string> {
  const { id } = await params;
  if (id.length < 2 || id.at(-1) !== "upvote") throw new NotFoundError("Only /api/papers/{id}/upvote takes POST and DELETE.");
  return id.slice(0, -1).join("/");
}

const upvoteHandler = (upvoted: boolean) => async (request: Request, context: Context) => {
  try {
    assertSameOrigin(request);
    const paperId = await upvotePaperId(context);
    const user = await requireSessionUser(request.headers);
    return Response.json(await setUpvote(getDatabase(), { userId: user.id, paperId, upvoted }));
  } catch (error) {
    return toErrorResponse(error);
  }
};

export const POST = upvoteHandler(true);
export const DELETE = upvoteHandler(false);
