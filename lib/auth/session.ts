import { parseCookies } from "better-auth/cookies";
import { LRUCache } from "lru-cache";
import { readEnv } from "../env";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { getAuth } from "./auth";

export type SessionUser = { id: string; name: string; email: string; isAdmin: boolean };

/** The role better-auth's admin plugin stores for admins; `npm run admin -- grant` sets it. */
export const ADMIN_ROLE = "admin";

/**
 * Whether an account is an admin: its role says so (set on the command line), or its address
 * is in ADMIN_EMAILS *and verified*. Typing an address into sign-up proves nothing, so an
 * unverified account never becomes an admin through ADMIN_EMAILS.
 */
export function isAdminAccount(account: { email: string; emailVerified: boolean; role?: string | null }): boolean {
  if (account.role === ADMIN_ROLE) return true;
  return account.emailVerified && readEnv().ADMIN_EMAILS.includes(account.email.toLowerCase());
}

/** The signed-in account for a request's headers (its session cookie), or null. */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  return (await lookUpSession(headers)).user;
}

/**
 * The account, and the cookies better-auth asks to set while looking: once a day of use it
 * extends the session (30 days from now) and sends the cookie again with the new lifetime, and
 * it expires the cookie of a session that is gone. Whoever answers the browser must pass them on,
 * or a reader who comes every day is still signed out 30 days after signing in.
 */
async function lookUpSession(headers: Headers): Promise<{ user: SessionUser | null; setCookies: string[] }> {
  const { response: session, headers: answered } = await getAuth().api.getSession({ headers, returnHeaders: true });
  const setCookies = answered?.getSetCookie() ?? [];
  if (!session) return { user: null, setCookies };
  const { id, name, email } = session.user;
  return { user: { id, name, email, isAdmin: isAdminAccount(session.user) }, setCookies };
}

/**
 * How long a worker may go on showing the account a session cookie was found to belong to
 * without asking again: a name changed, an admin role granted or a session revoked elsewhere
 * shows within this. Signing out shows at once (the browser drops the cookie).
 */
export const SHOWN_SESSION_SECONDS = 5;

// Keyed by the signed session cookie's value, which only better-auth's own answer puts here: a
// value nobody was given never finds an entry. Bounded, so a flood of made-up cookies costs lookups, not memory.
const shownSessions = new LRUCache<string, { user: SessionUser | null }>({ max: 10_000, ttl: SHOWN_SESSION_SECONDS * 1000 });

/**
 * The signed-in account to show on a page (the viewer answer, lib/viewer), as found at most
 * SHOWN_SESSION_SECONDS ago by this process: every page load asks, and the lookup is most of
 * that answer's cost. For display only: whatever acts for an account calls getSessionUser.
 * `setCookies` are better-auth's cookies from a lookup made now (none from a remembered one),
 * for the answer to send: this is the request every page load makes, so sessions in use are
 * kept alive through it.
 */
export async function getShownSessionUser(headers: Headers): Promise<{ user: SessionUser | null; setCookies: string[] }> {
  const cookie = headers.get("cookie");
  const { authCookies } = await getAuth().$context;
  const token = cookie ? parseCookies(cookie).get(authCookies.sessionToken.name) : undefined;
  if (!token) return { user: null, setCookies: [] };
  const shown = shownSessions.get(token);
  if (shown) return { user: shown.user, setCookies: [] };
  const found = await lookUpSession(headers);
  shownSessions.set(token, { user: found.user });
  return found;
}

export async function requireSessionUser(headers: Headers): Promise<SessionUser> {
  const user = await getSessionUser(headers);
  if (!user) throw new UnauthorizedError();
  return user;
}

/** The signed-in admin, else UnauthorizedError (signed out, 401) or ForbiddenError (403). */
export async function requireAdmin(headers: Headers): Promise<SessionUser> {
  const user = await requireSessionUser(headers);
  if (!user.isAdmin) throw new ForbiddenError("Only admins can see this.");
  return user;
}
