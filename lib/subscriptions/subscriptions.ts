import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/unique-violation";
import { AppError, ValidationError } from "../errors";
import type { Mailer } from "../mail/mailer";
import { LIMITS } from "../rate-limit/limits";
import { consumeLimit } from "../rate-limit/rate-limit";
import { confirmationEmail } from "./confirmation-email";
import { CONFIRM_LINK_LIFETIME_MS, readLinkToken, signLinkToken } from "./link-tokens";
import { subscribeInputSchema, type Frequency } from "./schema";

/** A second confirmation email to the same address waits this long: no mail-bombing by form. */
export const CONFIRMATION_RESEND_MS = 2 * 60 * 1000;
/** Confirmation emails the server sends in an hour, all addresses together (lib/rate-limit/limits.ts). */
export const CONFIRMATIONS_PER_HOUR = LIMITS["confirmation-email"].everyone.points;

export type SubscribeOutcome = { status: "confirmation-sent" | "recently-sent" | "already-subscribed"; email: string; frequency: Frequency };

const active = { confirmedAt: { not: null }, unsubscribedAt: null } as const;

/** The addresses links in emails use for confirming and unsubscribing. */
export const subscriptionUrls = {
  confirm: (origin: string, token: string) => `${origin}/subscribe/confirm?token=${token}`,
  unsubscribe: (origin: string, token: string) => `${origin}/unsubscribe?token=${token}`,
  /** RFC 8058 one-click: mail programs POST here. */
  oneClickUnsubscribe: (origin: string, token: string) => `${origin}/api/unsubscribe?token=${token}`,
};

/**
 * The Subscribe form: records the address as pending and emails a confirmation link (double
 * opt-in). An address that is already subscribed, or was sent a link minutes ago, gets no
 * second email. The claim on the address is one conditional update, so two submits at once
 * send one email. Requests are limited per client address, and the emails the server sends
 * per hour, all addresses together; both counts are atomic in the database, and the email count
 * is taken only for an email that is really about to go out.
 */
export async function requestSubscription(
  db: Database,
  options: { email: unknown; frequency: unknown; ranking?: unknown; origin: string; mailer: Mailer; clientAddress?: string; now?: Date },
): Promise<SubscribeOutcome> {
  const { email, frequency, ranking } = subscribeInputSchema.parse({ email: options.email, frequency: options.frequency, ranking: options.ranking });
  const now = options.now ?? new Date();
  await consumeLimit(db, "subscribe", { address: options.clientAddress });

  try {
    await db.prisma.subscription.upsert({ where: { email }, create: { id: randomUUID(), email, frequency, ranking }, update: {} });
  } catch (error) {
    // Prisma's upsert is a read then a write: a parallel request for the address made the row first.
    if (!isUniqueViolation(error)) throw error;
  }
  const claimed = await db.prisma.subscription.updateMany({
    where: {
      email,
      NOT: active,
      OR: [{ confirmationSentAt: null }, { confirmationSentAt: { lt: new Date(now.getTime() - CONFIRMATION_RESEND_MS) } }],
    },
    data: { frequency, ranking, confirmationSentAt: now, confirmedAt: null, unsubscribedAt: null },
  });
  const row = await db.prisma.subscription.findUniqueOrThrow({ where: { email } });
  if (claimed.count === 0) {
    const status = row.confirmedAt && !row.unsubscribedAt ? "already-subscribed" : "recently-sent";
    return { status, email, frequency: row.frequency as Frequency };
  }
  try {
    await consumeLimit(db, "confirmation-email");
  } catch (error) {
    // Not sent: the address may ask again once the server's hourly allowance has room.
    await db.prisma.subscription.update({ where: { id: row.id }, data: { confirmationSentAt: null } });
    throw error;
  }
  const token = signLinkToken({ purpose: "confirm", subscriptionId: row.id, expiresAt: new Date(now.getTime() + CONFIRM_LINK_LIFETIME_MS) });
  try {
    await options.mailer.send(confirmationEmail({ to: email, frequency, confirmUrl: subscriptionUrls.confirm(options.origin, token), origin: options.origin }));
  } catch (error) {
    // Not sent: release the claim so the person can try again at once.
    await db.prisma.subscription.update({ where: { id: row.id }, data: { confirmationSentAt: null } });
    console.error(`Confirmation email to ${email} failed:`, error);
    throw new AppError("The confirmation email could not be sent just now; try again in a few minutes.", 503);
  }
  return { status: "confirmation-sent", email, frequency };
}

/** Follows a confirmation link: from now on the address receives digests. */
export async function confirmSubscription(
  db: Database,
  options: { token: unknown; now?: Date },
): Promise<{ email: string; frequency: Frequency; alreadyConfirmed: boolean }> {
  const id = readLinkToken(options.token, { purpose: "confirm", now: options.now });
  const row = await db.prisma.subscription.findUnique({ where: { id } });
  if (!row) throw new ValidationError("This subscription no longer exists; subscribe again.");
  if (row.unsubscribedAt) throw new ValidationError(`${row.email} has unsubscribed since this link was sent; subscribe again to get digests.`);
  const result = { email: row.email, frequency: row.frequency as Frequency };
  if (row.confirmedAt) return { ...result, alreadyConfirmed: true };
  await db.prisma.subscription.updateMany({ where: { id, confirmedAt: null }, data: { confirmedAt: options.now ?? new Date() } });
  return { ...result, alreadyConfirmed: false };
}

/** Follows an unsubscribe link (or the one-click POST): no digest goes out to it from now on. */
export async function unsubscribe(db: Database, options: { token: unknown; now?: Date }): Promise<{ email: string; alreadyUnsubscribed: boolean }> {
  const id = readLinkToken(options.token, { purpose: "unsubscribe" });
  const row = await db.prisma.subscription.findUnique({ where: { id } });
  if (!row) throw new ValidationError("This subscription no longer exists; nothing more will be sent to it.");
  const changed = await db.prisma.subscription.updateMany({ where: { id, unsubscribedAt: null }, data: { unsubscribedAt: options.now ?? new Date() } });
  return { email: row.email, alreadyUnsubscribed: changed.count === 0 };
}
