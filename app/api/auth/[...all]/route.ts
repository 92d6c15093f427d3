// /api/auth/* — better-auth's own routes: sign-up/email, sign-in/email, sign-out, get-session, …
// behind the app's rate limits (stored in the database) and a body cap.
import { getAuth } from "@/lib/auth/auth";
import { getDatabase } from "@/lib/db/database";
import { clientAddressOf } from "@/lib/http/client-address";
import { readBodyUpTo } from "@/lib/http/form-body";
import { consumeLimit, RateLimitedError } from "@/lib/rate-limit/rate-limit";

/** Sign-in and sign-up carry three short fields: anything bigger is refused before it is read. */
const AUTH_BODY_MAX_BYTES = 16 * 1024;

const answer = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ message, code: status === 429 ? "TOO_MANY_REQUESTS" : status === 413 ? "PAYLOAD_TOO_LARGE" : "NOT_FOUND" }, { status, headers });

/** The email a sign-in is for, so guesses at one account are limited however many addresses send them. */
function signInEmail(request: Request, body: Buffer): string | null {
  const text = new TextDecoder().decode(body);
  let email: unknown = null;
  if (request.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded")) {
    email = new URLSearchParams(text).get("email");
  } else {
    try {
      email = (JSON.parse(text) as { email?: unknown } | null)?.email;
    } catch {
      return null;
    }
  }
  return typeof email === "string" ? email.trim().toLowerCase() : null;
}

async function handle(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
  // The admin plugin's routes (impersonation, set-role, create-user, …) are not served: admins
  // are made on the command line, and a stolen admin session must not open more than the app does.
  if (path === "/admin" || path.startsWith("/admin/")) return answer(404, "Not found.");

  let body: Buffer | null = null;
  if (request.method !== "GET" && request.method !== "HEAD") {
    body = await readBodyUpTo(request, AUTH_BODY_MAX_BYTES);
    if (body === null) return answer(413, `A request to /api/auth carries at most ${AUTH_BODY_MAX_BYTES / 1024} KB.`);
  }

  const address = clientAddressOf(request.headers);
  try {
    // By prefix, as better-auth's own limiter does: any way of signing in (or of trying a
    // password) gets the strict limit, including routes a later version or plugin adds.
    if (/^\/(sign-in|change-password|reset-password)(\/|$)/.test(path)) {
      await consumeLimit(getDatabase(), "sign-in", { address, account: body ? signInEmail(request, body) : null });
    } else if (/^\/sign-up(\/|$)/.test(path)) {
      await consumeLimit(getDatabase(), "sign-up", { address });
    } else {
      await consumeLimit(getDatabase(), "auth", { address });
    }
  } catch (error) {
    if (error instanceof RateLimitedError) return answer(429, error.message, { "retry-after": String(error.retryAfterSeconds) });
    throw error;
  }

  const forwarded = body === null ? request : new Request(request.url, { method: request.method, headers: request.headers, body: body as BodyInit });
  return getAuth().handler(forwarded);
}

export const GET = handle;
export const POST = handle;
