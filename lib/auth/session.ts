import { readEnv } from "../env";
import { UnauthorizedError } from "../errors";
import { getAuth } from "./auth";

export type SessionUser = { id: string; name: string; email: string; isAdmin: boolean };

/** Admins are the accounts whose email is listed in ADMIN_EMAILS. */
export function isAdminEmail(email: string): boolean {
  return readEnv().ADMIN_EMAILS.includes(email.toLowerCase());
}

/** The signed-in account for a request's headers (its session cookie), or null. */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email, isAdmin: isAdminEmail(email) };
}

export async function requireSessionUser(headers: Headers): Promise<SessionUser> {
  const user = await getSessionUser(headers);
  if (!user) throw new UnauthorizedError();
  return user;
}
