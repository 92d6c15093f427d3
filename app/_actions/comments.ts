"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requireSessionUser } from "@/lib/auth/session";
import { addComment, deleteComment, editComment, type CommentView } from "@/lib/comments/comments";
import { getDatabase } from "@/lib/db/database";
import { toActionResult, type ActionResult } from "./result";

export async function addCommentAction(input: { paperId: string; id: string; body: string }): Promise<ActionResult<CommentView>> {
  return toActionResult(async () => {
    const user = await requireSessionUser(await headers());
    const comment = await addComment(getDatabase(), { user, paperId: String(input.paperId), id: String(input.id), body: input.body });
    revalidatePath("/papers/[...id]", "page");
    return comment;
  });
}

export async function editCommentAction(input: { commentId: string; body: string }): Promise<ActionResult<CommentView>> {
  return toActionResult(async () => {
    const user = await requireSessionUser(await headers());
    const comment = await editComment(getDatabase(), { user, commentId: String(input.commentId), body: input.body });
    revalidatePath("/papers/[...id]", "page");
    return comment;
  });
}

export async function deleteCommentAction(commentId: string): Promise<ActionResult<{ deleted: true }>> {
  return toActionResult(async () => {
    const user = await requireSessionUser(await headers());
    await deleteComment(getDatabase(), { user, commentId: String(commentId) });
    revalidatePath("/papers/[...id]", "page");
    return { deleted: true as const };
  });
}
