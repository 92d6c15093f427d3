// GET /api/papers/{id} — one paper; old-style ids ("hep-th/9901001") span two path segments.
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { getPaper } from "@/lib/papers/queries";
import { toApiPaper } from "@/lib/papers/view";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string[] }> }) {
  try {
    const { id } = await params;
    const paper = await getPaper(getDatabase(), id.join("/"));
    return Response.json(toApiPaper(paper));
  } catch (error) {
    return toErrorResponse(error);
  }
}
