import { readEnv } from "../env";
import { UnauthorizedError } from "../errors";
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
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email, isAdmin: isAdminAccount(session.user) };
}

export async function requireSessionUser(headers: Headers): Promise<SessionUser> {
  const user = await getSessionUser(headers);
  if (!user) throw new UnauthorizedError();
  return user;
}
