import type { Database } from "../db/database";
import { ForbiddenError, NotFoundError } from "../errors";
import type { SessionUser } from "../auth/session";
import { canonicalPaperId } from "../papers/identity";
import { paperIdInput } from "../papers/upvotes";
import { LIMITS } from "../rate-limit/limits";
import { consumeLimit } from "../rate-limit/rate-limit";
import { renderCommentMarkdown } from "./markdown";
import { commentBodySchema, commentIdSchema } from "./schema";
import { isUniqueViolation } from "../db/unique-violation";

/** `body` as written (what an edit starts from), `html` as shown (lib/comments/markdown.ts). */
export type CommentView = { id: string; body: string; html: string; createdAt: string; edited: boolean; author: { id: string; name: string } };

/** Posting is limited per account: this many comments per minute (and per client address, lib/rate-limit/limits.ts). */
export const COMMENTS_PER_MINUTE = LIMITS.comment.account.points;

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
    html: renderCommentMarkdown(row.body),
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
 * finds the comment already there and returns it instead of storing it twice. Each new comment
 * is counted against the account's and the client address's limits before it is written, in
 * one atomic step in the database, so parallel posts cannot slip past the limit together.
 */
export async function addComment(
  db: Database,
  options: { user: SessionUser; paperId: unknown; id: unknown; body: unknown; clientAddress?: string },
): Promise<CommentView> {
  const id = commentIdSchema.parse(options.id);
  const body = commentBodySchema.parse(options.body);
  const paperId = canonicalPaperId(paperIdInput(options.paperId));
  const existing = await db.prisma.comment.findUnique({ where: { id }, select: commentSelect });
  if (existing) return toView(existing);
  await consumeLimit(db, "comment", { account: options.user.id, address: options.clientAddress });
  if (!(await db.prisma.paper.findUnique({ where: { id: paperId }, select: { id: true } }))) {
    throw new NotFoundError(`No paper with id "${paperId}".`);
  }
  try {
    return toView(await db.prisma.comment.create({ data: { id, paperId, userId: options.user.id, body }, select: commentSelect }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return toView(await db.prisma.comment.findUniqueOrThrow({ where: { id }, select: commentSelect }));
  }
}

async function ownComment(db: Database, commentId: unknown) {
  const parsed = commentIdSchema.safeParse(commentId);
  if (!parsed.success) throw new NotFoundError("That comment is gone.");
  const comment = await db.prisma.comment.findUnique({ where: { id: parsed.data }, select: { id: true, userId: true } });
  if (!comment) throw new NotFoundError("That comment is gone.");
  return comment;
}

/**
 * Authors edit their own comments; nobody else, admins included, can put words in their mouth.
 * An edit counts against the same limit as a new comment: it is a write all the same.
 */
export async function editComment(
  db: Database,
  options: { user: SessionUser; commentId: unknown; body: unknown; clientAddress?: string },
): Promise<CommentView> {
  const body = commentBodySchema.parse(options.body);
  const comment = await ownComment(db, options.commentId);
  if (comment.userId !== options.user.id) throw new ForbiddenError("You can only edit your own comments.");
  await consumeLimit(db, "comment", { account: options.user.id, address: options.clientAddress });
  return toView(await db.prisma.comment.update({ where: { id: comment.id }, data: { body, editedAt: new Date() }, select: commentSelect }));
}

/** Authors delete their own comments; admins delete any. */
export async function deleteComment(db: Database, options: { user: SessionUser; commentId: unknown }): Promise<void> {
  const comment = await ownComment(db, options.commentId);
  if (comment.userId !== options.user.id && !options.user.isAdmin) throw new ForbiddenError("You can only delete your own comments.");
  await db.prisma.comment.deleteMany({ where: { id: comment.id } });
}
