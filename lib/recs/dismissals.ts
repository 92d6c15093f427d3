import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/unique-violation";
import { NotFoundError } from "../errors";
import { canonicalPaperId } from "../papers/identity";
import { paperIdInput } from "../papers/upvotes";
import { consumeLimit } from "../rate-limit/rate-limit";

/**
 * Marks a paper "not interested" for one account, or takes the mark back, idempotently. A marked
 * paper is a negative example for the reader's model (lib/recs/reader.ts) and is never shown on
 * their For you again. Rate limited like votes.
 */
export async function setDismissed(
  db: Database,
  options: { userId: string; paperId: unknown; dismissed: boolean; clientAddress?: string },
): Promise<{ dismissed: boolean }> {
  const paperId = canonicalPaperId(paperIdInput(options.paperId));
  const { userId } = options;
  await consumeLimit(db, "dismiss", { account: userId, address: options.clientAddress });
  if (!(await db.prisma.paper.findUnique({ where: { id: paperId }, select: { id: true } }))) throw new NotFoundError(`No paper with id "${paperId}".`);
  const where = { userId_paperId: { userId, paperId } };
  if (options.dismissed) {
    try {
      await db.prisma.dismissal.upsert({ where, create: { userId, paperId }, update: {} });
    } catch (error) {
      // Marked at the same moment from another tab: the state asked for is the state there is.
      if (!isUniqueViolation(error)) throw error;
    }
  } else await db.prisma.dismissal.deleteMany({ where: { userId, paperId } });
  return { dismissed: options.dismissed };
}
