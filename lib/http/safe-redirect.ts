// Where the site may send someone after a form (?next= on sign-in): only to a path of its own.
//
// Prefix checks on the raw string ("starts with / but not //") miss what browsers forgive:
// "/\t/evil.example" is "//evil.example" once the tab is stripped, "/\evil.example" is
// "//evil.example" once the backslash is turned around, and "/.//evil.example" becomes
// "//evil.example" when the dot segment is removed. So `next` goes through the same WHATWG URL
// parser the browser uses, and what comes out is checked, not what went in.

// A stand-in for the site's own origin: only the question "same origin or not" is asked, and the
// answer is a path, which the browser resolves against whichever origin it is on. ".invalid" can
// never be a real host (RFC 6761).
const SITE = "http://site.invalid";

/** Longer than any address this site makes; longer input is refused rather than parsed. */
export const MAX_NEXT_LENGTH = 2048;

/**
 * `next` as a path on this site ("/papers/2312.00752?x=1#c"), or `fallback` when it is missing,
 * too long, or would lead anywhere else (another host, a protocol-relative "//host", a
 * `javascript:` or `data:` URL). The answer is what the URL parser made of it: percent-encoded,
 * no whitespace or control characters, so it is also safe to put in a Location header.
 */
export function safeNextPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next === "" || next.length > MAX_NEXT_LENGTH) return fallback;
  let url: URL;
  try {
    url = new URL(next, `${SITE}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  // A path that starts with two slashes would be read as a host name by whoever follows it.
  if (url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
