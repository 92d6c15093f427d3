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

/**
 * `body` as written (what an edit starts from), `html` as shown (lib/comments/markdown.ts). A
 * deleted comment that still has replies keeps its place with no words and no author.
 */
export type CommentView = {
  id: string;
  parentId: string | null;
  body: string;
  html: string;
  createdAt: string;
  edited: boolean;
  author: { id: string; name: string } | null;
};

/** A top-level comment and its replies (one level), each oldest first. */
export type CommentThread = CommentView & { replies: CommentView[] };

/** Posting is limited per account: this many comments per minute (and per client address, lib/rate-limit/limits.ts). */
export const COMMENTS_PER_MINUTE = LIMITS.comment.account.points;

const commentSelect = {
  id: true,
  parentId: true,
  body: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  user: { select: { id: true, name: true } },
} as const;

type CommentRow = {
  id: string;
  parentId: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  user: { id: string; name: string };
};

function toView(row: CommentRow): CommentView {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    parentId: row.parentId,
    body: deleted ? "" : row.body,
    html: deleted ? "" : renderCommentMarkdown(row.body),
    createdAt: row.createdAt.toISOString(),
    edited: !deleted && row.editedAt !== null,
    author: deleted ? null : row.user,
  };
}

/** A paper's discussion: threads oldest first, so it reads top to bottom, each with its replies. */
export async function listComments(db: Database, paperId: string): Promise<CommentThread[]> {
  const rows = await db.prisma.comment.findMany({
    where: { paperId: canonicalPaperId(paperId) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: commentSelect,
  });
  const threads = new Map<string, CommentThread>();
  for (const row of rows) if (row.parentId === null) threads.set(row.id, { ...toView(row), replies: [] });
  for (const row of rows) if (row.parentId !== null) threads.get(row.parentId)?.replies.push(toView(row));
  return [...threads.values()];
}

/** How many comments a discussion shows (deleted ones that keep a thread's place are not counted). */
export function countComments(threads: CommentThread[]): number {
  return threads.reduce((sum, thread) => sum + (thread.author ? 1 : 0) + thread.replies.length, 0);
}

/**
 * Adds a comment. Its id is the one the form was rendered with: a second submit of the same form
 * finds the comment already there and returns it instead of storing it twice. Each new comment
 * is counted against the account's and the client address's limits before it is written, in
 * one atomic step in the database, so parallel posts cannot slip past the limit together.
 */
export async function addComment(
  db: Database,
  options: { user: SessionUser; paperId: unknown; id: unknown; body: unknown; parentId?: unknown; clientAddress?: string },
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
  const parentId = options.parentId === undefined || options.parentId === null ? null : await threadOf(db, options.parentId, paperId);
  try {
    return toView(await db.prisma.comment.create({ data: { id, paperId, parentId, userId: options.user.id, body }, select: commentSelect }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return toView(await db.prisma.comment.findUniqueOrThrow({ where: { id }, select: commentSelect }));
  }
}

/**
 * The top-level comment a reply joins: the comment replied to, or its own parent when it is a
 * reply itself (replies are one level deep, as on Hugging Face). A reply to a comment that is
 * gone, deleted or on another paper is refused.
 */
async function threadOf(db: Database, replyTo: unknown, paperId: string): Promise<string> {
  const parsed = commentIdSchema.safeParse(replyTo);
  const parent = parsed.success
    ? await db.prisma.comment.findUnique({ where: { id: parsed.data }, select: { id: true, paperId: true, parentId: true, deletedAt: true } })
    : null;
  if (!parent || parent.paperId !== paperId || parent.deletedAt !== null) {
    throw new NotFoundError("The comment you replied to is gone; your reply was not posted. Copy it and post it as a comment.");
  }
  return parent.parentId ?? parent.id;
}

async function ownComment(db: Database, commentId: unknown) {
  const parsed = commentIdSchema.safeParse(commentId);
  if (!parsed.success) throw new NotFoundError("That comment is gone.");
  const comment = await db.prisma.comment.findUnique({ where: { id: parsed.data }, select: { id: true, userId: true, parentId: true, deletedAt: true } });
  if (!comment || comment.deletedAt !== null) throw new NotFoundError("That comment is gone.");
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

/**
 * Authors delete their own comments; admins delete any. A comment with replies keeps its place
 * (its words emptied, "deleted") so the replies still read as answers; a thread's deleted head
 * goes once its last reply does.
 */
export async function deleteComment(db: Database, options: { user: SessionUser; commentId: unknown }): Promise<void> {
  const comment = await ownComment(db, options.commentId);
  if (comment.userId !== options.user.id && !options.user.isAdmin) throw new ForbiddenError("You can only delete your own comments.");
  await db.prisma.$transaction(async (tx) => {
    if ((await tx.comment.count({ where: { parentId: comment.id } })) > 0) {
      await tx.comment.update({ where: { id: comment.id }, data: { body: "", deletedAt: new Date() } });
      return;
    }
    await tx.comment.deleteMany({ where: { id: comment.id } });
    if (comment.parentId !== null) {
      await tx.comment.deleteMany({ where: { id: comment.parentId, deletedAt: { not: null }, replies: { none: {} } } });
    }
  });
}
