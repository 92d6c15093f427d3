import type { Database } from "../db/database";
import { ValidationError } from "../errors";
import { readLinkToken, type LinkPurpose } from "./link-tokens";
import type { Frequency } from "./schema";

export type LinkSubscription = { email: string; frequency: Frequency; confirmed: boolean; unsubscribed: boolean };

/**
 * The subscription an email link is for, as it is now, changing nothing: what the page a link
 * opens shows before the person presses its button (mail scanners follow links; only a person
 * submits the form). A ValidationError with a message a person can act on for a link that is
 * not valid, expired, or whose subscription is gone.
 */
export async function subscriptionOfLink(db: Database, options: { token: unknown; purpose: LinkPurpose; now?: Date }): Promise<LinkSubscription> {
  const id = readLinkToken(options.token, { purpose: options.purpose, now: options.now });
  const row = await db.prisma.subscription.findUnique({ where: { id } });
  if (!row) {
    throw new ValidationError(
      options.purpose === "confirm"
        ? "This subscription no longer exists; subscribe again."
        : "This subscription no longer exists; nothing more will be sent to it.",
    );
  }
  return { email: row.email, frequency: row.frequency as Frequency, confirmed: row.confirmedAt !== null, unsubscribed: row.unsubscribedAt !== null };
}
