// GET /api/markdown/{id} — where proxy.ts sends /papers/{id}.md: one paper as markdown.
import { getDatabase } from "@/lib/db/database";
import { toErrorResponse } from "@/lib/http/error-response";
import { publicOrigin } from "@/lib/http/public-url";
import { paperMarkdown } from "@/lib/papers/markdown";
import { getPaper } from "@/lib/papers/queries";

export async function GET(request: Request, { params }: { params: Promise<{ id: string[] }> }) {
  try {
    const paper = await getPaper(getDatabase(), (await params).id.join("/"));
    return new Response(paperMarkdown(paper, publicOrigin(request)), { headers: { "content-type": "text/markdown; charset=utf-8" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
