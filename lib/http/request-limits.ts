import type { IncomingHttpHeaders } from "node:http";

// Node.js reads a request body only as fast as the app consumes it, but Next.js buffers a server
// action's or a route's body whole before parsing it: without a cap, one request can make a
// process hold as much memory as the client cares to send. Nothing this app accepts is large.

/** Bodies of sign-in, sign-up, forms and server actions: a few fields each. */
export const SMALL_BODY_BYTES = 64 * 1024;
/** Any other body (JSON API writes); nothing this app accepts comes near it. */
export const DEFAULT_BODY_BYTES = 1024 * 1024;

export type RefusedRequest = { status: 411 | 413; message: string };

const SMALL_BODY_PATHS = /^\/(api\/auth|api\/session|sign-in|sign-up|subscribe|unsubscribe|submit)(\/|$|\?)/;

/** The largest body a request to this address may carry. */
export function bodyLimit(request: { url?: string; headers: IncomingHttpHeaders }): number {
  return request.headers["next-action"] || SMALL_BODY_PATHS.test(request.url ?? "") ? SMALL_BODY_BYTES : DEFAULT_BODY_BYTES;
}

/**
 * Why a request must be refused before the app sees it, from its headers alone, or null: a
 * declared body over the route's limit (413), or a body of unknown length (chunked) where the app
 * would have to buffer it to find out (411; browsers always send a length for forms and fetch).
 */
export function refuseByBody(request: { method?: string; url?: string; headers: IncomingHttpHeaders }): RefusedRequest | null {
  const limit = bodyLimit(request);
  const declared = request.headers["content-length"];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length > limit) {
      return { status: 413, message: `A request to this address carries at most ${Math.round(limit / 1024)} KB.` };
    }
    return null;
  }
  if (request.headers["transfer-encoding"] !== undefined) {
    return { status: 411, message: "Send the body with a Content-Length." };
  }
  return null;
}
