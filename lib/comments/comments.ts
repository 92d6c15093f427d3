import type { Database } from "../db/database";
import { ForbiddenError, NotFoundError, RateLimitError } from "../errors";
import type { SessionUser } from "../auth/session";
import { canonicalPaperId } from "../papers/queries";
import { commentBodySchema, commentIdSchema } from "./schema";
import { isUniqueViolation } from "../db/unique-violation";

export type CommentView = { id: string; body: string; createdAt: string; edited: boolean; author: { id: string; name: string } };

/** Posting is limited per account: this many comments per minute. */
export const COMMENTS_PER_MINUTE = 5;

const commentSelect = {
  id: true,
  body: true,
  createdAt: true,
  editedAt: true,
  user: { select: { id: true, name: true } },
} as const;

type CommentRow = { id: string; body: string; createdAt: Date; editedAt: Date | null; user: { id: string; name: string } };

function toView(row: CommentRow): CommentView {
  return {
    id: row.id,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    edited: row.editedAt !== null,
    author: row.user,
  };
}

/** A paper's comments, oldest first, so a discussion reads top to bottom. */
export async function listComments(db: Database, paperId: string): Promise<CommentView[]> {
  const rows = await db.prisma.comment.findMany({
    where: { paperId: canonicalPaperId(paperId) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: commentSelect,
  });
  return rows.map(toView);
}

/**
 * Adds a comment. Its id is the one the form was rendered with: a second submit of the same form
 * finds the comment already there and returns it instead of storing it twice.
 */
export async function addComment(
  db: Database,
  options: { user: SessionUser; paperId: string; id: string; body: unknown; now?: Date },
): Promise<CommentView> {
  const id = commentIdSchema.parse(options.id);
  const body = commentBodySchema.parse(options.body);
  const paperId = canonicalPaperId(options.paperId);
  const existing = await db.prisma.comment.findUnique({ where: { id }, select: commentSelect });
  if (existing) return toView(existing);
  if (!(await db.prisma.paper.findUnique({ where: { id: paperId }, select: { id: true } }))) {
    throw new NotFoundError(`No paper with id "${paperId}".`);
  }
  const since = new Date((options.now ?? new Date()).getTime() - 60_000);
  const recent = await db.prisma.comment.count({ where: { userId: options.user.id, createdAt: { gte: since } } });
  if (recent >= COMMENTS_PER_MINUTE) {
    throw new RateLimitError(`You can post ${COMMENTS_PER_MINUTE} comments a minute; wait a moment and post again.`);
  }
  try {
    return toView(await db.prisma.comment.create({ data: { id, paperId, userId: options.user.id, body }, select: commentSelect }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return toView(await db.prisma.comment.findUniqueOrThrow({ where: { id }, select: commentSelect }));
  }
}

async function ownComment(db: Database, commentId: string) {
  const comment = await db.prisma.comment.findUnique({ where: { id: commentId }, select: { userId: true } });
  if (!comment) throw new NotFoundError("That comment is gone.");
  return comment;
}

/** Authors edit their own comments; nobody else, admins included, can put words in their mouth. */
export async function editComment(db: Database, options: { user: SessionUser; commentId: string; body: unknown }): Promise<CommentView> {
  const body = commentBodySchema.parse(options.body);
  const comment = await ownComment(db, options.commentId);
  if (comment.userId !== options.user.id) throw new ForbiddenError("You can only edit your own comments.");
  return toView(await db.prisma.comment.update({ where: { id: options.commentId }, data: { body, editedAt: new Date() }, select: commentSelect }));
}

/** Authors delete their own comments; admins delete any. */
export async function deleteComment(db: Database, options: { user: SessionUser; commentId: string }): Promise<void> {
  const comment = await ownComment(db, options.commentId);
  if (comment.userId !== options.user.id && !options.user.isAdmin) throw new ForbiddenError("You can only delete your own comments.");
  await db.prisma.comment.deleteMany({ where: { id: options.commentId } });
}
