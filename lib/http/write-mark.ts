import type { IncomingMessage, ServerResponse } from "node:http";

// Read your own writes. After a change, the response cache may serve a page's previous answer
// while the new one renders (lib/http/response-cache.ts). Whoever made the change must not be
// shown the page from before it, though: a comment that is gone on reload looks lost. So every
// answer to a request that may write (anything but GET and HEAD) carries this cookie with the
// time it was sent. For a minute afterwards, the cache gives that browser only answers made
// after its write. The cookie holds a time and nothing else. The app never sees it: the
// production server takes it out of every request's Cookie header (a cookie where better-auth
// expects none makes it ask for an Origin header, which scripts do not send) and passes the time
// on in WRITE_MARK_HEADER, replacing anything a client sent there.

export const WRITE_MARK_COOKIE = "dp_wrote";
export const WRITE_MARK_HEADER = "x-daily-papers-wrote-at";

/** Longer than any page's render after a write. Past it, the reader sees what everyone sees. */
const WRITE_MARK_SECONDS = 60;

const READ_ONLY_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Adds the write mark to the answer of a request that may write. It is added as the headers go
 * out, beside whatever cookies the app sets (better-auth's among them).
 */
export function markWrites(request: IncomingMessage, response: ServerResponse, options: { https: boolean; now?: () => number }): void {
  if (READ_ONLY_METHODS.has(request.method ?? "GET")) return;
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  // Node sends headers through writeHead, also when the app calls write or end without it.
  response.writeHead = ((...args: unknown[]) => {
    const mark = `${WRITE_MARK_COOKIE}=${(options.now ?? Date.now)()}; Path=/; Max-Age=${WRITE_MARK_SECONDS}; HttpOnly; SameSite=Lax${options.https ? "; Secure" : ""}`;
    const given = args.find((arg): arg is Record<string, unknown> => typeof arg === "object" && arg !== null && !Array.isArray(arg));
    const cookies = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
    // Headers passed to writeHead itself replace those set before, so the mark goes where they are.
    const setCookie = given && Object.keys(given).find((name) => name.toLowerCase() === "set-cookie");
    if (given && setCookie) given[setCookie] = [...cookies(given[setCookie]), mark];
    else response.setHeader("set-cookie", [...cookies(response.getHeader("set-cookie")), mark]);
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
}

const MARK_IN_COOKIES = new RegExp(`(?:^|;)\\s*${WRITE_MARK_COOKIE}=(\\d{1,16})\\s*(?=;|$)`, "g");

/** Takes the write mark out of the request's cookies, into WRITE_MARK_HEADER (the server's own header: a client's is dropped). */
export function takeWriteMark(request: IncomingMessage): void {
  delete request.headers[WRITE_MARK_HEADER];
  const cookie = request.headers.cookie;
  if (!cookie?.includes(WRITE_MARK_COOKIE)) return;
  let latest: number | null = null;
  const rest = cookie.replace(MARK_IN_COOKIES, (_mark, time: string) => ((latest = Math.max(latest ?? 0, Number(time))), "")).replace(/^\s*;\s*/, "");
  if (latest !== null) request.headers[WRITE_MARK_HEADER] = String(latest);
  if (rest.trim()) request.headers.cookie = rest;
  else delete request.headers.cookie;
}

/** When this browser last wrote, as the server passed it on (takeWriteMark); null if it did not within the mark's minute. */
export function lastWriteOf(headers: IncomingMessage["headers"]): number | null {
  const value = headers[WRITE_MARK_HEADER];
  return typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : null;
}
