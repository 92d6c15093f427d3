import type { IncomingMessage, ServerResponse } from "node:http";
import { securityHeaders } from "./security-headers";

/**
 * Routes the production worker answers itself, ahead of the response cache and Next.js: a
 * handler on web Requests and Responses, like a route handler's GET, keyed by exact path. For
 * the few answers too small and too frequent to pay Next.js's routing (~1.6 ms each on one
 * core): the viewer answer, asked for on every page load. Only GET and HEAD; anything else
 * goes on to Next.js, which answers what the route does not serve.
 */
export type DirectRoutes = Readonly<Record<string, (request: Request) => Promise<Response>>>;

/** The handler for this request, or undefined when Next.js is to answer it. */
export function directRouteFor(routes: DirectRoutes, request: IncomingMessage): DirectRoutes[string] | undefined {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  const path = (request.url ?? "/").split("?", 1)[0] ?? "/";
  return Object.hasOwn(routes, path) ? routes[path] : undefined;
}

/** Runs a direct route for a Node.js request and writes its answer, with every answer's security headers. */
export async function serveDirect(
  handler: DirectRoutes[string],
  request: IncomingMessage,
  response: ServerResponse,
  options: { https: boolean },
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  // The handlers read the path and query; the host is only for a well-formed URL (request.url is a path).
  const answer = await handler(new Request(new URL(request.url ?? "/", "http://localhost"), { headers }));
  const body = request.method === "HEAD" ? null : Buffer.from(await answer.arrayBuffer());
  for (const { key, value } of securityHeaders(options)) response.setHeader(key, value);
  for (const [name, value] of answer.headers) if (name !== "set-cookie") response.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader("set-cookie", cookies);
  if (body) response.setHeader("content-length", body.length);
  response.writeHead(answer.status);
  response.end(body);
}
