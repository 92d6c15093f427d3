import { randomUUID } from "node:crypto";
import type { SessionUser } from "../../lib/auth/session";
import type { Database } from "../../lib/db/database";

/** Accounts made straight in the database, for suites that test what accounts do, not signing up. */
export async function createUsers(db: Database, count: number, { admin = false } = {}): Promise<SessionUser[]> {
  const users = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), name: `Reader ${index + 1}`, email: `reader-${randomUUID()}@example.org` }));
  await db.prisma.user.createMany({ data: users });
  return users.map((user) => ({ ...user, isAdmin: admin }));
}
