import { headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/database";
import { upvotedAmong } from "@/lib/papers/upvotes";

/** The signed-in account for this request; read once per request however many parts ask. */
export const currentUser = cache(async () => getSessionUser(await headers()));

/** Which of these papers the person looking has upvoted (none when signed out). */
export async function upvotedByViewer(paperIds: string[]): Promise<{ signedIn: boolean; upvoted: Set<string> }> {
  const user = await currentUser();
  return { signedIn: user !== null, upvoted: await upvotedAmong(getDatabase(), { userId: user?.id ?? null, paperIds }) };
}
