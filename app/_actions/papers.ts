"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requireSessionUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/database";
import { clientAddressOf } from "@/lib/http/client-address";
import { setPaperHidden } from "@/lib/papers/admin";
import { setDismissed } from "@/lib/recs/dismissals";
import { setUpvote, type UpvoteState } from "@/lib/papers/upvotes";
import { toActionResult, type ActionResult } from "./result";

// Server actions: Next.js refuses them from other origins; each checks the session itself.

export async function setUpvoteAction(paperId: string, upvoted: boolean): Promise<ActionResult<UpvoteState>> {
  return toActionResult(async () => {
    const requestHeaders = await headers();
    const user = await requireSessionUser(requestHeaders);
    // No revalidation: the button shows the answer, the next page load reads the new count, and
    // the page the reader is on does not re-render and reorder under them.
    return setUpvote(getDatabase(), { userId: user.id, paperId, upvoted: upvoted === true, clientAddress: clientAddressOf(requestHeaders) });
  });
}

export async function setHiddenAction(paperId: string, hidden: boolean): Promise<ActionResult<{ hidden: boolean }>> {
  return toActionResult(async () => {
    const user = await requireSessionUser(await headers());
    await setPaperHidden(getDatabase(), { user, paperId, hidden: hidden === true });
    revalidatePath("/", "layout");
    return { hidden: hidden === true };
  });
}

export async function setDismissedAction(paperId: string, dismissed: boolean): Promise<ActionResult<{ dismissed: boolean }>> {
  return toActionResult(async () => {
    const requestHeaders = await headers();
    const user = await requireSessionUser(requestHeaders);
    // No revalidation either: the card goes from the page the reader is on, and the next load is ranked anew.
    return setDismissed(getDatabase(), { userId: user.id, paperId, dismissed: dismissed === true, clientAddress: clientAddressOf(requestHeaders) });
  });
}
