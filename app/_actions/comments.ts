"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requireSessionUser } from "@/lib/auth/session";
import { addComment, deleteComment, editComment, type CommentView } from "@/lib/comments/comments";
import { getDatabase } from "@/lib/db/database";
import { clientAddressOf } from "@/lib/http/client-address";
import { toActionResult, type ActionResult } from "./result";

export async function addCommentAction(input: { paperId: string; id: string; body: string; parentId?: string }): Promise<ActionResult<CommentView>> {
  return toActionResult(async () => {
    const requestHeaders = await headers();
    const user = await requireSessionUser(requestHeaders);
    const comment = await addComment(getDatabase(), {
      user,
      paperId: input?.paperId,
      id: input?.id,
      body: input?.body,
      parentId: input?.parentId,
      clientAddress: clientAddressOf(requestHeaders),
    });
    revalidatePath("/papers/[...id]", "page");
    return comment;
  });
}

export async function editCommentAction(input: { commentId: string; body: string }): Promise<ActionResult<CommentView>> {
  return toActionResult(async () => {
    const requestHeaders = await headers();
    const user = await requireSessionUser(requestHeaders);
    const comment = await editComment(getDatabase(), { user, commentId: input?.commentId, body: input?.body, clientAddress: clientAddressOf(requestHeaders) });
    revalidatePath("/papers/[...id]", "page");
    return comment;
  });
}

export async function deleteCommentAction(commentId: string): Promise<ActionResult<{ deleted: true }>> {
  return toActionResult(async () => {
    const user = await requireSessionUser(await headers());
    await deleteComment(getDatabase(), { user, commentId });
    revalidatePath("/papers/[...id]", "page");
    return { deleted: true as const };
  });
}
