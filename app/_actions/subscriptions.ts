"use server";

import { headers } from "next/headers";
import { getDatabase } from "@/lib/db/database";
import { clientAddressOf } from "@/lib/http/client-address";
import { publicOrigin } from "@/lib/http/public-url";
import { mailerFromEnv } from "@/lib/mail/mailer";
import { requestSubscription } from "@/lib/subscriptions/subscriptions";
import { toActionResult, type ActionResult } from "./result";

const MESSAGES = {
  "confirmation-sent": (email: string) => `Almost done: we sent a confirmation link to ${email}. Nothing is sent until you follow it.`,
  "recently-sent": (email: string) => `We sent a confirmation link to ${email} a moment ago; check your inbox (and spam folder) for it.`,
  "already-subscribed": (email: string, frequency: string) =>
    `${email} already gets the ${frequency} digest. To change it, unsubscribe with the link in a digest and subscribe again.`,
};

export async function subscribeAction(input: { email: string; frequency: string; ranking?: string }): Promise<ActionResult<{ message: string }>> {
  return toActionResult(async () => {
    const requestHeaders = await headers();
    const mailer = mailerFromEnv();
    try {
      const outcome = await requestSubscription(getDatabase(), {
        email: input?.email,
        frequency: input?.frequency,
        ranking: input?.ranking,
        origin: publicOrigin({ headers: requestHeaders }),
        mailer,
        clientAddress: clientAddressOf(requestHeaders),
      });
      return { message: MESSAGES[outcome.status](outcome.email, outcome.frequency) };
    } finally {
      mailer.close();
    }
  });
}
