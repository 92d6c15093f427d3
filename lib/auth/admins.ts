import type { Database } from "../db/database";
import { readEnv } from "../env";
import { NotFoundError } from "../errors";
import { ADMIN_ROLE, isAdminAccount } from "./session";

// Admins are made by a deliberate act of whoever runs the server (`npm run admin -- grant`),
// on an account that already exists: never by what someone types into a form.

export type AdminAccount = { id: string; email: string; name: string; emailVerified: boolean; role: string | null; createdAt: Date };

const accountSelect = { id: true, email: true, name: true, emailVerified: true, role: true, createdAt: true } as const;

async function accountByEmail(db: Database, email: string): Promise<AdminAccount> {
  const address = email.trim().toLowerCase();
  const account = await db.prisma.user.findUnique({ where: { email: address }, select: accountSelect });
  if (!account) throw new NotFoundError(`No account has the email ${address}. Sign up with it first, then run this again.`);
  return account;
}

/** Gives an existing account the admin role. */
export async function grantAdmin(db: Database, email: string): Promise<{ status: "granted" | "already-admin"; account: AdminAccount }> {
  const account = await accountByEmail(db, email);
  if (account.role === ADMIN_ROLE) return { status: "already-admin", account };
  await db.prisma.user.update({ where: { id: account.id }, data: { role: ADMIN_ROLE } });
  return { status: "granted", account: { ...account, role: ADMIN_ROLE } };
}

/**
 * Takes the admin role away. `stillAdmin` is true when the account remains an admin anyway,
 * because its verified address is in ADMIN_EMAILS.
 */
export async function revokeAdmin(db: Database, email: string): Promise<{ status: "revoked" | "not-admin"; account: AdminAccount; stillAdmin: boolean }> {
  const account = await accountByEmail(db, email);
  const status = account.role === ADMIN_ROLE ? "revoked" : "not-admin";
  if (status === "revoked") await db.prisma.user.update({ where: { id: account.id }, data: { role: "user" } });
  const after = { ...account, role: status === "revoked" ? "user" : account.role };
  return { status, account: after, stillAdmin: isAdminAccount(after) };
}

export type AdminListing = {
  /** Every account that is an admin now, by role or by verified ADMIN_EMAILS, oldest first. */
  admins: (AdminAccount & { by: "role" | "ADMIN_EMAILS" })[];
  /** ADMIN_EMAILS entries that make nobody an admin, and why. */
  inactiveAdminEmails: { email: string; reason: "no account" | "not verified" }[];
};

export async function listAdmins(db: Database): Promise<AdminListing> {
  const adminEmails = readEnv().ADMIN_EMAILS;
  const accounts = await db.prisma.user.findMany({
    where: { OR: [{ role: ADMIN_ROLE }, { email: { in: adminEmails } }] },
    orderBy: [{ createdAt: "asc" }, { email: "asc" }],
    select: accountSelect,
  });
  const admins = accounts
    .filter(isAdminAccount)
    .map((account) => ({ ...account, by: account.role === ADMIN_ROLE ? ("role" as const) : ("ADMIN_EMAILS" as const) }));
  const inactiveAdminEmails: AdminListing["inactiveAdminEmails"] = [];
  for (const email of adminEmails) {
    const account = accounts.find((candidate) => candidate.email === email);
    if (!account) inactiveAdminEmails.push({ email, reason: "no account" });
    else if (!isAdminAccount(account)) inactiveAdminEmails.push({ email, reason: "not verified" });
  }
  return { admins, inactiveAdminEmails };
}
