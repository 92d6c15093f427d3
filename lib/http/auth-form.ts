import { NAME_MAX_LENGTH } from "../auth/account-fields";
import { AppError } from "../errors";
import { readFormBody } from "./form-body";
import { safeNextPath } from "./safe-redirect";
import { assertSameOrigin } from "./same-origin";

// The sign-in and sign-up forms post here (method="post", so nothing typed ever lands in an
// address, a server log or the browser's history), and they work before or without JavaScript.
// A post becomes the JSON request the accounts API takes, sent to the same handler as
// /api/auth/* (so its origin check, rate limits and cookies are the same), and its answer
// becomes a 303: on to `next` with the session cookie, or back to the form with a code.

export type AuthMode = "sign-in" | "sign-up";

/**
 * What the form says after a failure, by the code in its address (/sign-in?error=credentials).
 * A code, never a message: an address someone sends you must not be able to put words on the page.
 */
export const AUTH_FORM_ERRORS = {
  credentials: "Wrong email or password.",
  exists: "There is already an account with this email. Sign in instead.",
  email: "That does not look like an email address (name@example.org).",
  "password-short": "The password must have at least 8 characters.",
  "password-long": "The password can have at most 128 characters.",
  name: `A name is one line of text of at most ${NAME_MAX_LENGTH} characters.`,
  missing: "Fill in every field.",
  "too-many": "Too many attempts; wait a minute and try again.",
  refused: "The request was refused. Reload the page and try again.",
  failed: "Something went wrong on our side; try again.",
} as const;

export type AuthFormError = keyof typeof AUTH_FORM_ERRORS;

export const isAuthFormError = (code: unknown): code is AuthFormError => typeof code === "string" && Object.hasOwn(AUTH_FORM_ERRORS, code);

/** Keeps the email and name typed (never the password) across the redirect back to the form. */
export const KEPT_FIELDS_COOKIE = "auth-form";
const KEPT_FIELDS_SECONDS = 300;

export type KeptFields = { email?: string; name?: string };

/** Where to go after signing in: a path of this site, and not a sign-in page (a signed-in visitor is sent on from there, so that would loop). */
export function nextAfterAuth(next: unknown): string {
  const path = safeNextPath(next);
  return /^\/sign-(in|up)(?:[/?#]|$)/.test(path) ? "/" : path;
}

/**
 * A paper a signed-out reader clicked upvote on, carried through sign-in or sign-up (?upvote=)
 * and cast once they have an account; anything longer than an id is dropped.
 */
export function carriedUpvote(value: unknown): string | null {
  return typeof value === "string" && value !== "" && value.length <= CARRIED_UPVOTE_MAX_LENGTH ? value : null;
}
const CARRIED_UPVOTE_MAX_LENGTH = 200;

/** The form's own address, with what it should say, where it goes on to and the vote it carries. */
export function authFormPath(mode: AuthMode, options: { next: string; upvote?: string | null; error?: AuthFormError }): string {
  const query = new URLSearchParams();
  if (options.error) query.set("error", options.error);
  if (options.next !== "/") query.set("next", options.next);
  if (options.upvote) query.set("upvote", options.upvote);
  const search = query.toString();
  return `/${mode}${search ? `?${search}` : ""}`;
}

/** The fields kept in the cookie, or nothing when it is missing or not ours. */
export function readKeptFields(cookie: string | undefined): KeptFields {
  if (!cookie) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(cookie, "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null) return {};
    const { email, name } = value as Record<string, unknown>;
    return {
      ...(typeof email === "string" ? { email: email.slice(0, 254) } : {}),
      ...(typeof name === "string" ? { name: name.slice(0, NAME_MAX_LENGTH) } : {}),
    };
  } catch {
    return {};
  }
}

function keptFieldsCookie(mode: AuthMode, fields: KeptFields | null, secure: boolean): string {
  const value = fields ? Buffer.from(JSON.stringify(fields)).toString("base64url") : "";
  return [
    `${KEPT_FIELDS_COOKIE}=${value}`,
    `Path=/${mode}`,
    `Max-Age=${fields ? KEPT_FIELDS_SECONDS : 0}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** The failure code for an answer of the accounts API (better-auth's codes, the rate limiter's 429). */
export function authFailureCode(status: number, code: unknown): AuthFormError {
  if (status === 429) return "too-many";
  if (status === 403) return "refused";
  switch (code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return "credentials";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "exists";
    case "INVALID_EMAIL":
      return "email";
    case "PASSWORD_TOO_SHORT":
      return "password-short";
    case "PASSWORD_TOO_LONG":
      return "password-long";
    case "INVALID_ACCOUNT_FIELD":
      return "name";
  }
  if (status === 401) return "credentials";
  if (status === 400 || status === 422) return "missing";
  return "failed";
}

const seeOther = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
};

// Describe one transfer, not the request; the forwarded request has a body of its own.
const DROPPED_HEADERS = ["content-type", "content-length", "transfer-encoding", "connection", "keep-alive", "expect"];

/**
 * Answers a sign-in or sign-up form post. `send` is the handler of /api/auth/* (it gets a
 * request to /api/auth/{mode}/email with the original headers: cookies, Origin, Sec-Fetch-*,
 * the client address). `secureCookies` marks the kept-fields cookie Secure (behind https).
 * `castUpvote` casts the vote the form carried, for the account just signed in; it must not
 * throw (a vote that cannot be cast leaves the sign-in as it is).
 */
export async function submitAuthForm(options: {
  request: Request;
  mode: AuthMode;
  send: (request: Request) => Promise<Response>;
  secureCookies: boolean;
  castUpvote: (vote: { userId: string; paperId: string }) => Promise<void>;
}): Promise<Response> {
  const { request, mode } = options;
  let form: URLSearchParams;
  try {
    assertSameOrigin(request);
    form = await readFormBody(request);
  } catch (error) {
    if (error instanceof AppError) {
      return new Response(error.message, { status: error.status, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }

  const next = nextAfterAuth(form.get("next"));
  const upvote = carriedUpvote(form.get("upvote"));
  const email = form.get("email")?.trim() ?? "";
  const password = form.get("password") ?? "";
  const name = form.get("name")?.trim() ?? "";
  const kept: KeptFields = mode === "sign-up" ? { email, name } : { email };
  const back = (error: AuthFormError) => seeOther(authFormPath(mode, { next, upvote, error }), [keptFieldsCookie(mode, kept, options.secureCookies)]);
  if (!email || !password || (mode === "sign-up" && !name)) return back("missing");

  const headers = new Headers(request.headers);
  for (const header of DROPPED_HEADERS) headers.delete(header);
  headers.set("content-type", "application/json");
  const answer = await options.send(
    new Request(new URL(`/api/auth/${mode}/email`, request.url), {
      method: "POST",
      headers,
      body: JSON.stringify(mode === "sign-up" ? { name, email, password } : { email, password }),
    }),
  );
  if (answer.ok) {
    if (upvote) {
      const userId = (
        (await answer
          .clone()
          .json()
          .catch(() => ({}))) as { user?: { id?: unknown } }
      ).user?.id;
      if (typeof userId === "string") await options.castUpvote({ userId, paperId: upvote });
    }
    return seeOther(next, [...answer.headers.getSetCookie(), keptFieldsCookie(mode, null, options.secureCookies)]);
  }
  const body = (await answer.json().catch(() => ({}))) as { code?: unknown };
  if (answer.status >= 500) console.error(`${mode} form: the accounts API answered ${answer.status}`, body);
  return back(authFailureCode(answer.status, body.code));
}
