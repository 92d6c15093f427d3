// GET /api/papers?limit=&cursor= — every paper in a stable order, a page at a time.
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { listAllPapers } from "@/lib/papers/queries";
import { paperListQuerySchema, searchParamsObject } from "@/lib/papers/query-params";
import { toApiPaper } from "@/lib/papers/view";

export async function GET(request: Request) {
  try {
    const query = paperListQuerySchema.parse(searchParamsObject(new URL(request.url).searchParams));
    const { papers, nextCursor } = await listAllPapers(getDatabase(), query);
    return Response.json({ papers: papers.map(toApiPaper), nextCursor });
  } catch (error) {
    return toErrorResponse(error);
  }
}
