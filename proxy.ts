// Runs before routing. Next.js answers a path with broken percent-encoding ("/papers/%E0%A4%A")
// with a bare 500; a person's mistyped address deserves a 400 that says what is wrong.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    return NextResponse.json({ error: "The address has broken percent-encoding (a % not followed by two hex digits)." }, { status: 400 });
  }
}

// Not /api/daily_papers, the busiest address: a fixed path with nothing to decode, and the proxy
// costs every request it sees.
export const config = { matcher: ["/papers/:path*", "/api/((?!daily_papers$).*)"] };
