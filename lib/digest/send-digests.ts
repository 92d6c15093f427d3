import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/unique-violation";
import { readEnv } from "../env";
import { mailerFromEnv, type Mailer } from "../mail/mailer";
import { parsePeriod } from "../papers/period";
import { listFeed } from "../papers/queries";
import { forYou } from "../recs/for-you";
import type { PaperView } from "../papers/view";
import { signLinkToken } from "../subscriptions/link-tokens";
import type { Frequency } from "../subscriptions/schema";
import { subscriptionUrls } from "../subscriptions/subscriptions";
import { digestEmail } from "./digest-email";
import { digestPeriods, type DigestPeriod } from "./digest-periods";

/** Papers in one digest. */
export const DIGEST_PAPERS = 10;
/** A failed delivery is retried by later runs this many times in all. */
export const MAX_ATTEMPTS = 5;
// A delivery claimed longer ago than this belongs to a run that died; it may be claimed again.
const STALE_CLAIM_MS = 15 * 60 * 1000;

export type DigestReport = {
  day: string;
  dryRun: boolean;
  periods: Array<{ key: string; frequency: Frequency; papers: number; subscribers: number }>;
  notDue: Array<{ frequency: Frequency; reason: string }>;
  sent: Array<{ email: string; period: string }>;
  /** Dry run: who would get an email. */
  wouldSend: Array<{ email: string; period: string }>;
  alreadySent: number;
  failed: Array<{ email: string; period: string; error: string }>;
};

type Recipient = { id: string; email: string; ranking: string };
type Run = { db: Database; mailer: Mailer | null; origin: string; dryRun: boolean; report: DigestReport };

/**
 * Sends each confirmed subscriber the trending papers of their period for `day`, once: a
 * delivery row per subscriber and period is claimed before sending, so a second run (or two runs
 * at once) sends nothing twice. A recipient the mail server refuses is reported and retried by
 * the next runs; the others still get theirs. A period without papers sends no email.
 */
export async function sendDigests(db: Database, options: { day: Date; mailer: Mailer | null; origin: string; dryRun?: boolean }): Promise<DigestReport> {
  const { due, notDue } = digestPeriods(options.day);
  const report: DigestReport = {
    day: due[0]!.period.key,
    dryRun: options.dryRun ?? false,
    periods: [],
    notDue,
    sent: [],
    wouldSend: [],
    alreadySent: 0,
    failed: [],
  };
  if (!report.dryRun && !options.mailer) throw new Error("sendDigests needs a mailer unless it is a dry run");
  const run: Run = { db, mailer: options.mailer, origin: options.origin, dryRun: report.dryRun, report };

  for (const digest of due) {
    const recipients = await db.prisma.subscription.findMany({
      where: { frequency: digest.frequency, confirmedAt: { not: null }, unsubscribedAt: null },
      orderBy: { email: "asc" },
      select: { id: true, email: true, ranking: true },
    });
    const papers = await digestPapers(db, digest);
    report.periods.push({ key: digest.key, frequency: digest.frequency, papers: papers.length, subscribers: recipients.length });
    if (papers.length > 0) await deliverAll(run, digest, papers, recipients);
  }
  await retryEarlierFailures(run, new Set(due.map((digest) => digest.key)));
  return report;
}

/** The top trending papers of a period, ranked as of its end so a rerun ranks the same. */
async function digestPapers(db: Database, digest: DigestPeriod): Promise<PaperView[]> {
  return (await listFeed(db, { period: digest.period, sort: "trending", limit: DIGEST_PAPERS, now: digest.period.end })).papers;
}

/**
 * A For-you digest: the period's papers ranked for the account with the subscriber's address;
 * null (the trending digest instead) when there is no such account or it has too few upvotes.
 */
async function papersForReader(db: Database, digest: DigestPeriod, email: string): Promise<PaperView[] | null> {
  const user = await db.prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  const answer = await forYou(db, { userId: user.id, period: digest.period, limit: DIGEST_PAPERS, unseen: false });
  return answer.status === "ranked" && answer.picks.length > 0 ? answer.picks.map((pick) => pick.paper) : null;
}

/** Failed deliveries of earlier periods, for subscribers still subscribed: each gets another try. */
async function retryEarlierFailures(run: Run, dueKeys: Set<string>) {
  const failures = await run.db.prisma.digestDelivery.findMany({
    where: { status: "failed", attempts: { lt: MAX_ATTEMPTS }, subscription: { confirmedAt: { not: null }, unsubscribedAt: null } },
    select: { period: true, subscription: { select: { id: true, email: true, ranking: true } } },
  });
  const byPeriod = new Map<string, Recipient[]>();
  for (const failure of failures) {
    if (!dueKeys.has(failure.period)) byPeriod.set(failure.period, [...(byPeriod.get(failure.period) ?? []), failure.subscription]);
  }
  for (const [key, recipients] of byPeriod) {
    const [kind, periodKey] = key.split(":") as [string, string];
    const period = parsePeriod(kind === "week" ? "week" : "day", periodKey);
    if (!period) continue;
    const digest: DigestPeriod = { frequency: kind === "week" ? "weekly" : "daily", period, key };
    await deliverAll(run, digest, await digestPapers(run.db, digest), recipients);
  }
}

async function deliverAll(run: Run, digest: DigestPeriod, papers: PaperView[], recipients: Recipient[]) {
  for (const recipient of recipients) await deliver(run, digest, papers, recipient);
}

async function deliver(run: Run, digest: DigestPeriod, papers: PaperView[], recipient: Recipient) {
  const { db, report } = run;
  const key = { subscriptionId: recipient.id, period: digest.key };
  const entry = { email: recipient.email, period: digest.key };
  const existing = await db.prisma.digestDelivery.findUnique({ where: { subscriptionId_period: key } });
  if (existing?.status === "sent") {
    report.alreadySent++;
    return;
  }
  if (existing?.status === "sending" && Date.now() - existing.updatedAt.getTime() < STALE_CLAIM_MS) return;
  if (existing && existing.attempts >= MAX_ATTEMPTS) return;
  if (run.dryRun) {
    report.wouldSend.push(entry);
    return;
  }
  if (!(await claim(db, key, existing))) return;

  const token = signLinkToken({ purpose: "unsubscribe", subscriptionId: recipient.id });
  const mine = recipient.ranking === "for-you" ? await papersForReader(db, digest, recipient.email) : null;
  const message = digestEmail({
    to: recipient.email,
    digest,
    papers: mine ?? papers,
    forYou: mine !== null,
    origin: run.origin,
    unsubscribeUrl: subscriptionUrls.unsubscribe(run.origin, token),
    oneClickUrl: subscriptionUrls.oneClickUnsubscribe(run.origin, token),
  });
  try {
    await run.mailer!.send(message);
    await db.prisma.digestDelivery.update({ where: { subscriptionId_period: key }, data: { status: "sent", lastError: null } });
    report.sent.push(entry);
  } catch (error) {
    const reason = (error as Error).message.slice(0, 500);
    await db.prisma.digestDelivery.update({ where: { subscriptionId_period: key }, data: { status: "failed", lastError: reason } });
    report.failed.push({ ...entry, error: reason });
  }
}

/** Takes a delivery for this run: a new row, or a failed/stale one only if nobody took it first. */
async function claim(db: Database, key: { subscriptionId: string; period: string }, existing: { status: string; attempts: number } | null): Promise<boolean> {
  if (!existing) {
    try {
      await db.prisma.digestDelivery.create({ data: { ...key, status: "sending", attempts: 1 } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
  const taken = await db.prisma.digestDelivery.updateMany({
    where: { ...key, status: existing.status, attempts: existing.attempts },
    data: { status: "sending", attempts: existing.attempts + 1 },
  });
  return taken.count === 1;
}

/**
 * Sends the digests as configured (SMTP_URL, links to APP_URL), for the digest command and for
 * the scheduled sync that runs it after the morning's papers are in.
 */
export async function sendDigestsFromEnv(db: Database, options: { day: Date; dryRun: boolean }): Promise<DigestReport> {
  const env = readEnv();
  const origin = env.APP_URL ? new URL(env.APP_URL).origin : `http://localhost:${env.PORT}`;
  if (!env.APP_URL) process.stderr.write(`APP_URL is not set: links in the emails point to ${origin}.\n`);
  const mailer: Mailer | null = options.dryRun ? null : mailerFromEnv();
  try {
    return await sendDigests(db, { day: options.day, mailer, origin, dryRun: options.dryRun });
  } finally {
    mailer?.close();
  }
}
