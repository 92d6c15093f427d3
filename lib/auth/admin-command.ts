// `npm run admin -- grant EMAIL | revoke EMAIL | list` (scripts/admin.ts)
import { parseArgs } from "node:util";
import { UsageError } from "../cli/command";
import { openDatabase } from "../db/database";
import { migrateDatabase } from "../db/migrate";
import { readEnv } from "../env";
import { NotFoundError } from "../errors";
import { grantAdmin, listAdmins, revokeAdmin, type AdminAccount } from "./admins";

export const ADMIN_USAGE = `Usage: npm run admin -- grant EMAIL | revoke EMAIL | list

Makes and unmakes admins (they hide papers and delete any comment) in the database
(DATABASE_URL, default file:./data/papers.db). The account must exist: sign up first, then
grant it here. Nobody becomes an admin by signing up with an address.

  grant EMAIL    make the account with this email an admin
  revoke EMAIL   make it an ordinary account again
  list           the admins, and any ADMIN_EMAILS entry that makes nobody an admin
  -h, --help     this text

Exit status: 0 when done (or nothing needed doing), 1 when there is no such account or it stays
an admin, 2 for a wrong command line.`;

export type AdminCommand = { action: "grant" | "revoke"; email: string } | { action: "list" };

export function parseAdminCommandLine(argv: string[]): AdminCommand | null {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: "boolean", short: "h", default: false } } });
  if (values.help) return null;
  const [action, ...rest] = positionals;
  if (action === "list") {
    if (rest.length > 0) throw new UsageError(`list takes no arguments; got ${rest.join(" ")}.`);
    return { action };
  }
  if (action === "grant" || action === "revoke") {
    if (rest.length !== 1) throw new UsageError(`${action} takes one email address${rest.length ? `; got ${rest.length}` : ""}.`);
    const email = rest[0]!.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`"${rest[0]}" is not an email address.`);
    return { action, email };
  }
  throw new UsageError(action === undefined ? "Say what to do: grant, revoke or list." : `Unknown command "${action}": grant, revoke or list.`);
}

const describe = (account: AdminAccount) =>
  `${account.email} (“${account.name.slice(0, 60)}”, signed up ${account.createdAt.toISOString().slice(0, 10)}${account.emailVerified ? ", verified" : ""})`;

/** Runs one admin command against DATABASE_URL, writing what happened; returns the exit status. */
export async function runAdminCommand(command: AdminCommand, out: { stdout: (text: string) => void; stderr: (text: string) => void }): Promise<number> {
  const { DATABASE_URL } = readEnv();
  await migrateDatabase(DATABASE_URL);
  const db = openDatabase(DATABASE_URL);
  try {
    if (command.action === "list") {
      const { admins, inactiveAdminEmails } = await listAdmins(db);
      if (admins.length === 0) out.stdout("No admins yet. Make one with: npm run admin -- grant EMAIL\n");
      for (const admin of admins) out.stdout(`${describe(admin)}${admin.by === "ADMIN_EMAILS" ? " — by ADMIN_EMAILS" : ""}\n`);
      for (const entry of inactiveAdminEmails) {
        out.stdout(
          `ADMIN_EMAILS lists ${entry.email}, which is not an admin: ${entry.reason === "no account" ? "no account has that email" : "that account's email is not verified"}.\n`,
        );
      }
      return 0;
    }
    if (command.action === "grant") {
      const { status, account } = await grantAdmin(db, command.email);
      out.stdout(status === "granted" ? `${describe(account)} is now an admin.\n` : `${account.email} is already an admin; nothing changed.\n`);
      return 0;
    }
    const { status, account, stillAdmin } = await revokeAdmin(db, command.email);
    if (stillAdmin) {
      out.stderr(`${account.email} is still an admin: its verified email is in ADMIN_EMAILS. Remove it from ADMIN_EMAILS and restart the server.\n`);
      return 1;
    }
    out.stdout(status === "revoked" ? `${account.email} is no longer an admin.\n` : `${account.email} was not an admin; nothing changed.\n`);
    return 0;
  } catch (error) {
    if (error instanceof NotFoundError) {
      out.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
