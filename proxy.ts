// Runs before routing. Three jobs (and it tells a page its own path, lib/http/page-path.ts):
// - Next.js answers a path with broken percent-encoding ("/papers/%E0%A4%A") with a bare 500; a
//   person's mistyped address deserves a 400 that says what is wrong.
// - Feeds and markdown live at the address of what they show ("/papers/date/2025-12-12/feed.xml",
//   "/papers/2312.00752.md"), paths the page routes cannot also answer; they are handed to the
//   route handlers under /api/feed and /api/markdown.
// - Every page gets a Content-Security-Policy with a nonce of its own (lib/http/security-headers.ts).
//   Next.js finds the nonce in the request's policy header and puts it on every script it
//   writes, so only its scripts run. Everything else keeps the headers next.config.ts gives
//   every response.
//   A page the response cache (lib/http/response-cache.ts) keeps for signed-out visitors is sent
//   again with the same nonce, policy and body together, while it is kept (a copy stands in for at
//   most 5 minutes while its page renders again). A
//   nonce only has to be unguessable before the page exists, and it is: any injected markup
//   would have to come from a write (which starts a new render, with a new nonce) or from the
//   address (which is the cache key, so a new address gets a new render).
import { NextResponse, type NextRequest } from "next/server";
import { readEnv } from "./lib/env";
import { splitFeedPath } from "./lib/feeds/feed-path";
import { PAGE_PATH_HEADER } from "./lib/http/page-path";
import { createNonce, isHttpsAppUrl, pageContentSecurityPolicy, securityHeaders } from "./lib/http/security-headers";

let https: boolean | undefined;
// Read at the first request, not at import: the build loads this module without the server's settings.
const servedOverHttps = () => (https ??= isHttpsAppUrl(readEnv().APP_URL));

// NODE_ENV is not a setting of the app: Next.js fixes it when it compiles this file.
const dev = process.env.NODE_ENV === "development";

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
  if (pathname.startsWith("/api/")) return NextResponse.next();

  const contentSecurityPolicy = pageContentSecurityPolicy({ nonce: createNonce(), https: servedOverHttps(), dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", contentSecurityPolicy);
  requestHeaders.set(PAGE_PATH_HEADER, pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const { key, value } of securityHeaders({ https: servedOverHttps(), contentSecurityPolicy })) response.headers.set(key, value);
  return response;
}

// Every path but Next.js's own (/_next/: build files named by content hash, and the development
// server's hot-reload socket, which a proxy in the way breaks), the public folder's files,
// /api/daily_papers, the busiest address, and /api/viewer, asked for on every page load: fixed
// JSON answers with nothing to decode. The proxy costs every request it sees (~1 ms); those get
// their headers from next.config.ts alone.
export const config = { matcher: ["/((?!_next/|favicon\\.svg$|api/daily_papers$|api/viewer$).*)"] };
