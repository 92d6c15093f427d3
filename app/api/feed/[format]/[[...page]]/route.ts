// GET /api/feed/{rss|atom}/{page path}?{page query} — where proxy.ts sends "{page}/feed.xml" and
// "{page}/feed.atom": the RSS or Atom feed of a page with papers.
import { getDatabase } from "@/lib/db/database";
import { NotFoundError } from "@/lib/errors";
import { loadFeed } from "@/lib/feeds/feed-content";
import { feedHrefs, type FeedFormat } from "@/lib/feeds/feed-path";
import { parseFeedPath } from "@/lib/feeds/feed-request";
import { renderFeed } from "@/lib/feeds/render-feed";
import { toErrorResponse } from "@/lib/http/error-response";
import { publicOrigin } from "@/lib/http/public-url";

type Context = { params: Promise<{ format: string; page?: string[] }> };

export async function GET(request: Request, { params }: Context) {
  try {
    const { format, page = [] } = await params;
    const query = new URL(request.url).searchParams;
    const pagePath = `/${page.map(encodeURIComponent).join("/")}`;
    const feed = parseFeedPath(pagePath, query);
    if (!feed || (format !== "rss" && format !== "atom")) throw new NotFoundError(`No feed for ${pagePath}.`);
    const content = await loadFeed(getDatabase(), feed);
    const selfPath = feedHrefs(pagePath, query.toString())[format as FeedFormat];
    const pageWithQuery = query.size > 0 ? `${pagePath}?${query}` : pagePath;
    const rendered = renderFeed(content, { origin: publicOrigin(request), pagePath: pageWithQuery, selfPath, format });
    return new Response(rendered.body, { headers: { "content-type": rendered.contentType } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
