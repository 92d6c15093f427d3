"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requireSessionUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/database";
import { readEnv } from "@/lib/env";
import { clientAddressOf } from "@/lib/http/client-address";
import { submitPaper, type SubmitOutcome } from "@/lib/submit/submit-paper";
import { toActionResult, type ActionResult } from "./result";

export async function submitPaperAction(input: string): Promise<ActionResult<SubmitOutcome>> {
  return toActionResult(async () => {
    const requestHeaders = await headers();
    const user = await requireSessionUser(requestHeaders);
    const { ARXIV_API_URL, ARXIV_TIMEOUT_MS } = readEnv();
    const outcome = await submitPaper(getDatabase(), {
      user,
      input,
      arxiv: { apiUrl: ARXIV_API_URL, timeoutMs: ARXIV_TIMEOUT_MS },
      clientAddress: clientAddressOf(requestHeaders),
    });
    if (outcome.status === "added") revalidatePath("/", "layout");
    return outcome;
  });
}
