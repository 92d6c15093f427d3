import { headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "@/lib/auth/session";

/**
 * The signed-in account for this request; read once per request however many parts ask. Only
 * for what is personal by nature (the reading list, submit, the sign-in pages' redirect): pages
 * the response cache shares are rendered without cookies and ask /api/viewer instead.
 */
export const currentUser = cache(async () => getSessionUser(await headers()));
