// Runs before routing. Two jobs:
// - Next.js answers a path with broken percent-encoding ("/papers/%E0%A4%A") with a bare 500; a
//   person's mistyped address deserves a 400 that says what is wrong.
// - Feeds and markdown live at the address of what they show ("/papers/date/2025-12-12/feed.xml",
//   "/papers/2312.00752.md"), paths the page routes cannot also answer; they are handed to the
//   route handlers under /api/feed and /api/markdown.
import { NextResponse, type NextRequest } from "next/server";
import { splitFeedPath } from "./lib/feeds/feed-path";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    return NextResponse.json({ error: "The address has broken percent-encoding (a % not followed by two hex digits)." }, { status: 400 });
  }
  const feed = splitFeedPath(pathname);
  if (feed) return NextResponse.rewrite(new URL(`/api/feed/${feed.format}${feed.pagePath === "/" ? "" : feed.pagePath}${search}`, request.url));
  const markdown = /^\/papers\/(.+)\.md$/.exec(pathname);
  if (markdown) return NextResponse.rewrite(new URL(`/api/markdown/${markdown[1]}${search}`, request.url));
  return NextResponse.next();
}

// Not /api/daily_papers, the busiest address: a fixed path with nothing to decode, and the proxy
// costs every request it sees.
export const config = { matcher: ["/papers/:path*", "/api/((?!daily_papers$).*)", "/feed.xml", "/feed.atom", "/search/:path*"] };
