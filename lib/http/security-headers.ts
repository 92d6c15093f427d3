// The security headers of every response, defined once. Two places send them:
// - proxy.ts, for pages: the page policy with a fresh nonce per request (Next.js reads the nonce
//   from the request's Content-Security-Policy header and puts it on each of its scripts);
// - next.config.ts `headers()`, for every path (static files, /api/daily_papers and anything
//   else the proxy does not see): the same headers with the resource policy. The proxy's
//   Content-Security-Policy replaces that one on the pages it answers.

import { createHash } from "node:crypto";
import { THEME_SCRIPT } from "../theme/theme";

export type Header = { key: string; value: string };

type Policy = Record<string, string[]>;

const serialize = (policy: Policy) =>
  Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(" "))
    .join("; ");

// No nonce to thread through the page for our one inline script: it is the same text on every page.
const THEME_SCRIPT_SOURCE = `'sha256-${createHash("sha256").update(THEME_SCRIPT).digest("base64")}'`;

/**
 * The Content-Security-Policy of an HTML page.
 *
 * - script-src: only scripts carrying this response's nonce (Next.js's own tags), and what they
 *   load ('strict-dynamic': the chunks its runtime adds), and the one inline script of our own,
 *   by its hash (lib/theme/theme.ts: the reader's theme before the first paint). 'self' is for browsers too old for
 *   'strict-dynamic' (newer ones ignore it then). An injected <script>, inline handler or
 *   javascript: URL does not run. `dev` adds 'unsafe-eval', which React's development build
 *   needs for its error overlays; production never gets it.
 * - style-src 'unsafe-inline': KaTeX's HTML carries style="…" attributes (heights, struts) and
 *   React writes style attributes; a nonce cannot allow an attribute, only 'unsafe-inline' can
 *   (and a nonce in the list would switch 'unsafe-inline' off). Styles cannot run code, and
 *   browsers hide nonce attributes from CSS selectors, so CSS cannot read the nonce.
 * - base-uri 'none', object-src 'none', frame-ancestors 'none' (no clickjacking), form-action
 *   'self' (forms, and the redirects they follow, stay on the site), connect-src 'self'
 *   (fetches and server actions), img-src 'self' data: https: (the sources' paper thumbnails,
 *   e.g. Hugging Face's CDN; an image runs nothing), font-src 'self' (KaTeX's fonts are bundled).
 * - upgrade-insecure-requests only behind https: on a plain-http self-hosted instance it would
 *   send the browser to an https port that does not answer.
 */
export function pageContentSecurityPolicy(options: { nonce: string; https: boolean; dev?: boolean }): string {
  return serialize({
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${options.nonce}'`, THEME_SCRIPT_SOURCE, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(options.https ? { "upgrade-insecure-requests": [] } : {}),
  });
}

/**
 * The Content-Security-Policy of everything that is not a page (JSON, feeds, markdown, images,
 * scripts, styles): nothing may load from it, nothing may frame it. A feed or an SVG opened on
 * its own runs no script. Inline styles are allowed for the rare HTML answer the proxy does not
 * see (Next.js's bare error pages), so it stays readable.
 */
export const RESOURCE_CONTENT_SECURITY_POLICY = serialize({
  "default-src": ["'none'"],
  "style-src": ["'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
});

/**
 * Two years, without includeSubDomains or preload: a self-hosted instance at
 * papers.example.org must not decide for every other host under example.org. An operator who
 * wants those adds them at the proxy in front.
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000";

/** Whether the site is served over https (APP_URL says so), which is when HSTS is sent. */
export const isHttpsAppUrl = (appUrl: string | undefined) => appUrl?.startsWith("https://") ?? false;

/**
 * The headers every response gets, whatever it is. `contentSecurityPolicy` defaults to the
 * resource policy; pages pass theirs.
 */
export function securityHeaders(options: { https: boolean; contentSecurityPolicy?: string }): Header[] {
  return [
    { key: "Content-Security-Policy", value: options.contentSecurityPolicy ?? RESOURCE_CONTENT_SECURITY_POLICY },
    // A JSON answer is never sniffed into HTML or script.
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Other sites see only the origin, never a path with a token in it (/unsubscribe?token=…).
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // frame-ancestors for browsers that predate it.
    { key: "X-Frame-Options", value: "DENY" },
    // A page opened from another site cannot reach back into this one's window (and vice versa).
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(options.https ? [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }] : []),
  ];
}

/** A nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
