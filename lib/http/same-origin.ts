import { ForbiddenError } from "../errors";

/**
 * Refuses a state-changing request that a browser sent from another site. Browsers send Origin
 * (and Sec-Fetch-Site) on every cross-site POST or DELETE; scripts that send neither (curl with
 * a session cookie) are not a browser being tricked, and pass.
 */
export function assertSameOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") throw new ForbiddenError("Cross-site requests are refused.");
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string | null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== host) throw new ForbiddenError("Cross-site requests are refused.");
}
