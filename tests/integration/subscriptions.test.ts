import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as oneClickUnsubscribe } from "../../app/api/unsubscribe/route";
import { sendDigests } from "../../lib/digest/send-digests";
import { forYou } from "../../lib/recs/for-you";
import { ingestFromSource } from "../../lib/ingest/run";
import { createMailer, type Mailer } from "../../lib/mail/mailer";
import { dayPeriod, parseIsoDay } from "../../lib/papers/period";
import { listFeed } from "../../lib/papers/queries";
import { LIMITS } from "../../lib/rate-limit/limits";
import { consumeLimit } from "../../lib/rate-limit/rate-limit";
import { confirmSubscription, CONFIRMATIONS_PER_HOUR, requestSubscription, unsubscribe } from "../../lib/subscriptions/subscriptions";
import { SAMPLE_FILE } from "../../prisma/seed";
import { useAppDatabase } from "../support/app-database";
import { providers } from "../support/databases";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";

const ORIGIN = "http://papers.test";
const SAMPLE_DAY = parseIsoDay("2025-12-12")!; // a Friday: the sample page's day
const linkIn = (mail: ParsedMail, path: string) => new URL(new RegExp(`${ORIGIN}${path}\\?token=[\\w.-]+`).exec(mail.text ?? "")![0]);
const tokenOf = (url: URL) => url.searchParams.get("token")!;
/** A header as it was sent (mailparser also offers a parsed form; the raw line is what mail programs read). */
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((line) => line.key === name)
    ?.line.replace(/^[^:]+:\s*/, "")
    .replace(/\r?\n\s+/g, "") ?? "";

describe.each(providers())("subscriptions and the digest on $name", (provider) => {
  const app = useAppDatabase(provider, async (db) => {
    await ingestFromSource(db, { source: SAMPLE_FILE });
  });
  let smtp: SmtpCatcher;
  let mailer: Mailer;

  /** Subscribes and follows the confirmation email's link, as a person would. */
  async function subscribeConfirmed(email: string, frequency: "daily" | "weekly") {
    const since = smtp.messages.length;
    await requestSubscription(app.db, { email, frequency, origin: ORIGIN, mailer });
    const mail = await smtp.waitFor(email, { since });
    await confirmSubscription(app.db, { token: tokenOf(linkIn(mail, "/subscribe/confirm")) });
  }

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    mailer = createMailer({ smtpUrl: smtp.url, from: "Daily Papers <papers@test.example>" });
  });
  afterAll(async () => {
    mailer.close();
    await smtp.stop();
  });

  it("asks for confirmation first (double opt-in), then confirms by the emailed link", async () => {
    const outcome = await requestSubscription(app.db, { email: "  Ada@Example.org ", frequency: "daily", origin: ORIGIN, mailer });
    expect(outcome).toEqual({ status: "confirmation-sent", email: "ada@example.org", frequency: "daily" });
    const mail = await smtp.waitFor("ada@example.org");
    expect(mail.subject).toBe("Confirm your Daily Papers subscription");
    expect(mail.html).toContain("Confirm my subscription");
    const row = await app.db.prisma.subscription.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    expect(row.confirmedAt).toBeNull();

    const link = linkIn(mail, "/subscribe/confirm");
    expect(await confirmSubscription(app.db, { token: tokenOf(link) })).toEqual({ email: "ada@example.org", frequency: "daily", alreadyConfirmed: false });
    expect(await confirmSubscription(app.db, { token: tokenOf(link) })).toMatchObject({ alreadyConfirmed: true });
    expect((await app.db.prisma.subscription.findUniqueOrThrow({ where: { email: "ada@example.org" } })).confirmedAt).not.toBeNull();
  });

  it("answers resubscribing, repeats, malformed addresses and bad links with clear messages", async () => {
    const before = smtp.messages.length;
    expect(await requestSubscription(app.db, { email: "ada@example.org", frequency: "weekly", origin: ORIGIN, mailer })).toMatchObject({
      status: "already-subscribed",
      frequency: "daily",
    });
    await requestSubscription(app.db, { email: "bob@example.org", frequency: "weekly", origin: ORIGIN, mailer });
    expect(await requestSubscription(app.db, { email: "bob@example.org", frequency: "weekly", origin: ORIGIN, mailer })).toMatchObject({
      status: "recently-sent",
    });
    expect(smtp.messages.length).toBe(before + 1);

    for (const email of ["not-an-address", "", "a@b", `${"x".repeat(250)}@example.org`]) {
      await expect(requestSubscription(app.db, { email, frequency: "daily", origin: ORIGIN, mailer })).rejects.toThrow(/email address/);
    }
    await expect(requestSubscription(app.db, { email: "c@example.org", frequency: "hourly", origin: ORIGIN, mailer })).rejects.toThrow(/daily or weekly/);

    const mail = await smtp.waitFor("bob@example.org");
    const token = tokenOf(linkIn(mail, "/subscribe/confirm"));
    const inFourDays = new Date(Date.now() + 4 * 86_400_000);
    await expect(confirmSubscription(app.db, { token, now: inFourDays })).rejects.toThrow(/expired/);
    await expect(confirmSubscription(app.db, { token: `${token.slice(0, -2)}xx` })).rejects.toThrow(/not valid/);
    await expect(confirmSubscription(app.db, { token: "nonsense" })).rejects.toThrow(/not valid/);
    // An unsubscribe link is not a confirmation link, even though both are signed by us.
    await expect(unsubscribe(app.db, { token })).rejects.toThrow(/not valid/);
    expect((await app.db.prisma.subscription.findUniqueOrThrow({ where: { email: "bob@example.org" } })).confirmedAt).toBeNull();
  });

  it("sends one confirmation email when the form is submitted twice at once", async () => {
    const before = smtp.messages.length;
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => requestSubscription(app.db, { email: "twice@example.org", frequency: "daily", origin: ORIGIN, mailer })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "confirmation-sent")).toHaveLength(1);
    await smtp.waitFor("twice@example.org", { since: before });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.slice(before).filter((mail) => mail.subject?.startsWith("Confirm"))).toHaveLength(1);
  });

  it("emails each confirmed daily subscriber the day's top trending papers, once, and reports a refused recipient", async () => {
    await subscribeConfirmed("refused@example.org", "daily");
    await subscribeConfirmed("weekly@example.org", "weekly");
    smtp.refuse.add("refused@example.org");
    const since = smtp.messages.length;

    const dry = await sendDigests(app.db, { day: SAMPLE_DAY, mailer: null, origin: ORIGIN, dryRun: true });
    expect(dry.wouldSend.map((entry) => entry.email)).toEqual(["ada@example.org", "refused@example.org"]);
    expect(await app.db.prisma.digestDelivery.count()).toBe(0);

    const report = await sendDigests(app.db, { day: SAMPLE_DAY, mailer, origin: ORIGIN });
    expect(report.sent).toEqual([{ email: "ada@example.org", period: "day:2025-12-12" }]);
    expect(report.failed).toEqual([expect.objectContaining({ email: "refused@example.org", error: expect.stringContaining("550") })]);
    expect(report.notDue).toEqual([expect.objectContaining({ frequency: "weekly" })]);

    const mail = await smtp.waitFor("ada@example.org", { since });
    const top = (await listFeed(app.db, { period: dayPeriod(SAMPLE_DAY), sort: "trending", limit: 10, now: dayPeriod(SAMPLE_DAY).end })).papers;
    expect(top).toHaveLength(10);
    expect(mail.subject).toBe("Daily Papers: trending on Dec 12, 2025");
    for (const paper of top) {
      expect(mail.text).toContain(paper.title);
      expect(mail.text).toContain(`${ORIGIN}/papers/${paper.id}`);
      expect(mail.html).toContain(`href="${ORIGIN}/papers/${paper.id}"`);
    }
    expect(mail.text).toContain(`▲ ${top[0]!.upvotes}`);
    expect(mail.text).toContain(top[0]!.abstract.slice(0, 60));
    expect(header(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(header(mail, "list-unsubscribe")).toMatch(new RegExp(`^<${ORIGIN}/api/unsubscribe\\?token=[\\w.-]+>$`));
    expect(mail.text).toMatch(new RegExp(`Unsubscribe \\(one click\\): ${ORIGIN}/unsubscribe\\?token=`));

    const again = await sendDigests(app.db, { day: SAMPLE_DAY, mailer, origin: ORIGIN });
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toBe(1);
    expect(again.failed.map((failure) => failure.email)).toEqual(["refused@example.org"]);

    smtp.refuse.delete("refused@example.org");
    // A later day's run retries the earlier failure (with that day's papers) as well.
    const later = await sendDigests(app.db, { day: parseIsoDay("2025-12-13")!, mailer, origin: ORIGIN });
    expect(later.periods).toEqual([{ key: "day:2025-12-13", frequency: "daily", papers: 0, subscribers: 2 }]);
    expect(later.sent).toEqual([{ email: "refused@example.org", period: "day:2025-12-12" }]);
    expect(smtp.messages.slice(since).filter((message) => message.subject?.includes("Dec 12"))).toHaveLength(2);
  });

  it("sends weekly subscribers the week on the run for its Sunday, and no email for a period without papers", async () => {
    const since = smtp.messages.length;
    const sunday = await sendDigests(app.db, { day: parseIsoDay("2025-12-14")!, mailer, origin: ORIGIN });
    expect(sunday.sent).toEqual([{ email: "weekly@example.org", period: "week:2025-W50" }]);
    const mail = await smtp.waitFor("weekly@example.org", { since });
    expect(mail.subject).toBe("Daily Papers: trending in the week of Dec 8, 2025 – Dec 14, 2025");
    const empty = await sendDigests(app.db, { day: parseIsoDay("2025-12-21")!, mailer, origin: ORIGIN });
    expect(empty.sent).toEqual([]);
    expect(smtp.messages.length).toBe(since + 1);
  });

  it("sends a For-you subscriber the day's papers ranked by their account's upvotes, and trending to one with no account or too few", async () => {
    const reader = await app.db.prisma.user.create({ data: { id: "for-you-reader", name: "Reader", email: "reader@example.org" } });
    const liked = await app.db.prisma.paper.findMany({ where: { abstract: { contains: "language" } }, orderBy: { id: "asc" }, take: 4, select: { id: true } });
    expect(liked.length).toBeGreaterThanOrEqual(3);
    await app.db.prisma.upvote.createMany({ data: liked.map((paper) => ({ userId: reader.id, paperId: paper.id })) });
    for (const email of ["reader@example.org", "nobody-here@example.org"]) {
      const since = smtp.messages.length;
      await requestSubscription(app.db, { email, frequency: "daily", ranking: "for-you", origin: ORIGIN, mailer });
      await confirmSubscription(app.db, { token: tokenOf(linkIn(await smtp.waitFor(email, { since }), "/subscribe/confirm")) });
    }
    const since = smtp.messages.length;
    const report = await sendDigests(app.db, { day: SAMPLE_DAY, mailer, origin: ORIGIN });
    expect(report.sent.map((entry) => entry.email).sort()).toEqual(["nobody-here@example.org", "reader@example.org"]);

    const mine = await smtp.waitFor("reader@example.org", { since });
    expect(mine.subject).toBe("Daily Papers: for you on Dec 12, 2025");
    expect(mine.text).toContain("most like what you upvote");
    const ranked = await forYou(app.db, { userId: reader.id, period: dayPeriod(SAMPLE_DAY), limit: 10, unseen: false });
    const titles = ranked.status === "ranked" ? ranked.picks.map((pick) => pick.paper.title) : [];
    expect(titles).toHaveLength(10);
    // In that order: each title after the one before.
    const at = titles.map((title) => mine.text!.indexOf(`. ${title}`));
    expect(at.every((position, index) => position > (at[index - 1] ?? -1))).toBe(true);
    // Not trending's order (For you's own ranking is tested in for-you.test.ts).
    const trending = (await listFeed(app.db, { period: dayPeriod(SAMPLE_DAY), sort: "trending", limit: 10, now: dayPeriod(SAMPLE_DAY).end })).papers;
    expect(titles).not.toEqual(trending.map((paper) => paper.title));

    const theirs = await smtp.waitFor("nobody-here@example.org", { since });
    expect(theirs.subject).toBe("Daily Papers: trending on Dec 12, 2025");
    // The tests after this one count the subscribers they made.
    await app.db.prisma.subscription.updateMany({ where: { ranking: "for-you" }, data: { unsubscribedAt: new Date() } });
  });

  it("unsubscribes at once through the email's link or the one-click POST, and sends nothing more", async () => {
    const digestTo = (email: string) =>
      smtp.messages.find((mail) => mail.subject?.startsWith("Daily Papers: trending") && JSON.stringify(mail.to).includes(email))!;
    const digest = digestTo("ada@example.org");
    const token = tokenOf(linkIn(digest, "/unsubscribe"));
    expect(await unsubscribe(app.db, { token })).toEqual({ email: "ada@example.org", alreadyUnsubscribed: false });
    expect(await unsubscribe(app.db, { token })).toMatchObject({ alreadyUnsubscribed: true });

    const weekly = digestTo("weekly@example.org");
    const oneClick = new URL(header(weekly, "list-unsubscribe").slice(1, -1));
    const response = await oneClickUnsubscribe(
      new Request(oneClick, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } }),
    );
    expect(response.status).toBe(200);
    const bad = await oneClickUnsubscribe(new Request(`${ORIGIN}/api/unsubscribe?token=forged`, { method: "POST" }));
    expect(bad.status).toBe(400);

    await app.db.prisma.paper.updateMany({ data: { feedDate: parseIsoDay("2025-12-28")! } });
    const since = smtp.messages.length;
    const report = await sendDigests(app.db, { day: parseIsoDay("2025-12-28")!, mailer, origin: ORIGIN });
    expect(report.sent.map((entry) => entry.email)).toEqual(["refused@example.org"]);
    expect(smtp.messages.length).toBe(since + 1);
  });

  it("limits requests from one client address, counted at once when they arrive together", async () => {
    const { points } = LIMITS.subscribe.address;
    const before = smtp.messages.length;
    const outcomes = await Promise.allSettled(
      Array.from({ length: points + 5 }, (_, index) =>
        requestSubscription(app.db, { email: `burst-${index}@example.org`, frequency: "daily", origin: ORIGIN, mailer, clientAddress: "192.0.2.44" }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(points);
    const refused = outcomes.find((outcome) => outcome.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toMatchObject({
      status: 429,
      message: expect.stringContaining("Too many subscription requests (10 an hour from one address)"),
    });
    expect(await app.db.prisma.subscription.count({ where: { email: { startsWith: "burst-" } } })).toBe(points);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.length).toBe(before + points);
    // Another address is not held up.
    expect(
      await requestSubscription(app.db, { email: "elsewhere@example.org", frequency: "daily", origin: ORIGIN, mailer, clientAddress: "192.0.2.45" }),
    ).toMatchObject({ status: "confirmation-sent" });
  });

  it(`sends at most ${CONFIRMATIONS_PER_HOUR} confirmation emails an hour in all, and lets a refused address ask again later`, async () => {
    const { points } = LIMITS["confirmation-email"].everyone;
    // The hour's allowance, used up by earlier requests (this suite has sent a few already).
    await Promise.allSettled(Array.from({ length: points }, () => consumeLimit(app.db, "confirmation-email")));
    const before = smtp.messages.length;
    await expect(requestSubscription(app.db, { email: "late@example.org", frequency: "daily", origin: ORIGIN, mailer })).rejects.toMatchObject({ status: 429 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.length).toBe(before);
    // The claim was released: the address is not told "recently sent" when it asks again.
    expect((await app.db.prisma.subscription.findUniqueOrThrow({ where: { email: "late@example.org" } })).confirmationSentAt).toBeNull();
  });
});
