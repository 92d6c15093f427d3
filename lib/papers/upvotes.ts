import type { Database } from "../db/database";
import { AppError, NotFoundError, ValidationError } from "../errors";
import { consumeLimit } from "../rate-limit/rate-limit";
import { canonicalPaperId } from "./identity";
import { papersInOrder } from "./queries";
import type { PaperView } from "./view";
import { isUniqueViolation } from "../db/unique-violation";

export type UpvoteState = { upvotes: number; upvoted: boolean };

/** Paper ids are arXiv ids or title slugs (under 100 characters); a request's id is cut off well above that. */
export const PAPER_ID_MAX_LENGTH = 200;

/** A paper id as a request gave it, checked for type and length before it reaches a query. */
export function paperIdInput(id: unknown): string {
  if (typeof id !== "string" || id.length === 0) throw new ValidationError("Name a paper by its id.");
  if (id.length > PAPER_ID_MAX_LENGTH) throw new ValidationError(`A paper id is at most ${PAPER_ID_MAX_LENGTH} characters.`);
  return id;
}

/**
 * Sets one account's upvote on a paper, idempotently: asking for the state it is already in
 * changes nothing. The Upvote row (unique per account and paper) and the paper's counter change
 * in one transaction, and the counter moves only when a row was really added or removed, so
 * concurrent votes and double clicks count exactly once each. Votes are rate limited per account
 * and per client address (lib/rate-limit).
 */
export async function setUpvote(db: Database, options: { userId: string; paperId: unknown; upvoted: boolean; clientAddress?: string }): Promise<UpvoteState> {
  const paperId = canonicalPaperId(paperIdInput(options.paperId));
  const { userId } = options;
  await consumeLimit(db, "upvote", { account: userId, address: options.clientAddress });
  const exists = await db.prisma.paper.findUnique({ where: { id: paperId }, select: { id: true } });
  if (!exists) throw new NotFoundError(`No paper with id "${paperId}".`);
  try {
    await db.prisma.$transaction(async (tx) => {
      if (options.upvoted) {
        await tx.upvote.create({ data: { userId, paperId } });
        await tx.paper.update({ where: { id: paperId }, data: { localUpvotes: { increment: 1 } } });
      } else {
        const { count } = await tx.upvote.deleteMany({ where: { userId, paperId } });
        if (count > 0) await tx.paper.update({ where: { id: paperId }, data: { localUpvotes: { decrement: count } } });
      }
    });
  } catch (error) {
    // Already upvoted (a second click, another tab): the state asked for is the state there is.
    if (!isUniqueViolation(error)) throw error;
  }
  return upvoteState(db, { userId, paperId });
}

/**
 * The upvote a signed-out reader clicked, cast once sign-in or sign-up has given them an account
 * (lib/http/auth-form.ts). It never fails the sign-in: a vote that cannot be cast (no such
 * paper, too many votes) is left uncast, and the reader sees the box as it is.
 */
export async function castCarriedUpvote(db: Database, options: { userId: string; paperId: string; clientAddress?: string }): Promise<void> {
  try {
    await setUpvote(db, { ...options, upvoted: true });
  } catch (error) {
    if (!(error instanceof AppError)) console.error("A carried upvote was not cast:", error);
  }
}

export async function upvoteState(db: Database, { userId, paperId }: { userId: string | null; paperId: string }): Promise<UpvoteState> {
  const [paper, vote] = await Promise.all([
    db.prisma.paper.findUniqueOrThrow({ where: { id: paperId }, select: { importedUpvotes: true, localUpvotes: true } }),
    userId ? db.prisma.upvote.findUnique({ where: { userId_paperId: { userId, paperId } }, select: { userId: true } }) : null,
  ]);
  return { upvotes: paper.importedUpvotes + paper.localUpvotes, upvoted: vote !== null };
}

/** Which of these papers the account has upvoted (the viewer answer, for the boxes on a page of cards). */
export async function upvotedAmong(db: Database, { userId, paperIds }: { userId: string | null; paperIds: string[] }): Promise<Set<string>> {
  if (!userId || paperIds.length === 0) return new Set();
  return new Set(await db.store.upvotedAmong(userId, paperIds));
}

/** The account's reading list: the papers it upvoted, newest vote first. */
export async function listUpvotedPapers(db: Database, { userId, limit = 100 }: { userId: string; limit?: number }): Promise<PaperView[]> {
  const votes = await db.prisma.upvote.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { paperId: "asc" }],
    take: limit,
    select: { paperId: true },
  });
  return papersInOrder(
    db,
    votes.map((vote) => vote.paperId),
  );
}

/**
 * Who upvoted the paper here, first voters first (the names shown on its page), and how many
 * did in all. Upvotes imported from another site came without names and are not among them.
 */
export async function listUpvoters(db: Database, { paperId, limit = 12 }: { paperId: string; limit?: number }): Promise<{ names: string[]; total: number }> {
  const [votes, total] = await Promise.all([
    db.prisma.upvote.findMany({
      where: { paperId },
      orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
      take: limit,
      select: { user: { select: { name: true } } },
    }),
    db.prisma.upvote.count({ where: { paperId } }),
  ]);
  return { names: votes.map((vote) => vote.user.name), total };
}
