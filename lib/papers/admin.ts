import type { SessionUser } from "../auth/session";
import type { Database } from "../db/database";
import { ForbiddenError, NotFoundError } from "../errors";
import { canonicalPaperId } from "./identity";
import { paperIdInput } from "./upvotes";

/** Admins (`npm run admin -- grant`, lib/auth/admins.ts) hide a paper from the feed and every list, or bring it back. */
export async function setPaperHidden(db: Database, options: { user: SessionUser; paperId: unknown; hidden: boolean }): Promise<void> {
  if (!options.user.isAdmin) throw new ForbiddenError("Only admins can hide papers.");
  const paperId = paperIdInput(options.paperId);
  const { count } = await db.prisma.paper.updateMany({ where: { id: canonicalPaperId(paperId) }, data: { hidden: options.hidden } });
  if (count === 0) throw new NotFoundError(`No paper with id "${paperId}".`);
}
