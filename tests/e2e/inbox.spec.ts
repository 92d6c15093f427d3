import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { openDatabase } from "../../lib/db/database";
import { startArxivStandIn, type ArxivStandIn } from "../support/arxiv-stand-in";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";
import { E2E_APP_PORT, E2E_ARXIV_PORT, E2E_AUTH_SECRET, E2E_DATABASE_URL, E2E_SMTP_PORT } from "./servers";
import { shot, shots, signUp } from "./support";

// The inbox journey (subscribe, confirm from the email, digest, unsubscribe from the email or by
// one-click) and submitting a paper, against a real SMTP server and an arXiv stand-in in this
// process. Following an emailed link never changes anything (mail scanners follow links): the
// page it opens has a button that posts.
const APP = `http://127.0.0.1:${E2E_APP_PORT}`;
const SAMPLE_DAY = "2025-12-12";
let smtp: SmtpCatcher;
let arxiv: ArxivStandIn;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  smtp = await startSmtpCatcher(E2E_SMTP_PORT);
  arxiv = await startArxivStandIn(E2E_ARXIV_PORT);
});
test.afterAll(async () => {
  await smtp.stop();
  await arxiv.stop();
});

/** `npm run digest` as cron would run it, against the app's database and the test SMTP server. */
async function runDigest(day: string): Promise<string> {
  const env = { ...process.env, DATABASE_URL: E2E_DATABASE_URL, SMTP_URL: smtp.url, APP_URL: APP, BETTER_AUTH_SECRET: E2E_AUTH_SECRET };
  const { stdout } = await promisify(execFile)("npx", ["tsx", "lib/digest/cli.ts", "--date", day], { env });
  return stdout;
}

const linkIn = (mail: ParsedMail, path: string) => new RegExp(`${APP}${path}\\?token=[\\w.-]+`).exec(mail.text ?? "")?.[0] ?? "";
/** The RFC 8058 one-click address of a digest (its List-Unsubscribe header). */
const oneClickIn = (mail: ParsedMail) => /<([^>]+)>/.exec(mail.headerLines.find((line) => line.key === "list-unsubscribe")?.line ?? "")?.[1] ?? "";

/** The subscription row as the server sees it. */
async function subscriptionOf(email: string) {
  const db = openDatabase(E2E_DATABASE_URL);
  try {
    return await db.prisma.subscription.findUniqueOrThrow({ where: { email }, select: { confirmedAt: true, unsubscribedAt: true } });
  } finally {
    await db.close();
  }
}

/** What a mail scanner or a link preview does: fetch the address and follow its redirects, without pressing anything. */
async function scan(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  expect(response.status()).toBe(200);
}

test("subscribe, confirm from the email, get the digest, unsubscribe from it, get nothing more", async ({ page, playwright }) => {
  // Three runs of the digest command (~4 s each) and the screenshots of the link pages.
  test.setTimeout(60_000);
  const email = `reader-${Date.now()}@example.org`;
  // A second reader, who leaves by their mail program's one-click unsubscribe.
  const other = `one-click-${Date.now()}@example.org`;
  await page.goto("/");
  const form = page.getByRole("form", { name: "Subscribe to the digest" });
  await form.getByLabel("Email address").fill("not an address");
  await form.getByRole("button", { name: "Subscribe" }).click();
  // The browser's own check stops a malformed address before it is sent.
  await expect(form.getByLabel("Email address")).toHaveJSProperty("validity.valid", false);
  await form.getByLabel("Email address").fill(other);
  await form.getByLabel("How often").selectOption("daily");
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(form.getByRole("status")).toContainText(`we sent a confirmation link to ${other}`);
  await form.getByLabel("Email address").fill(email);
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(form.getByRole("status")).toContainText(`we sent a confirmation link to ${email}`);
  await form.scrollIntoViewIfNeeded();
  await shot(page, "40-subscribe-sent");

  // Following the link only shows what the button will do: a scanner that fetches it confirms nothing.
  const confirmation = await smtp.waitFor(email);
  expect(confirmation.subject).toBe("Confirm your Daily Papers subscription");
  const confirmLink = linkIn(confirmation, "/subscribe/confirm");
  await scan(page.request, confirmLink);
  await page.goto(confirmLink);
  await expect(page.getByRole("heading", { name: "Confirm your subscription" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Send the daily digest of trending papers to ${email}?`);
  expect((await subscriptionOf(email)).confirmedAt).toBeNull();
  await shots(page, "41-subscribe-confirm");
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("heading", { name: "Subscribed" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`${email} gets the daily digest`);
  expect((await subscriptionOf(email)).confirmedAt).not.toBeNull();
  await shot(page, "41-subscribe-confirmed");
  // The link again, later: nothing to do.
  await page.goto(confirmLink);
  await expect(page.getByRole("heading", { name: "Already confirmed" })).toBeVisible();

  await page.goto(linkIn(await smtp.waitFor(other), "/subscribe/confirm"));
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("heading", { name: "Subscribed" })).toBeVisible();

  const since = smtp.messages.length;
  expect(await runDigest(SAMPLE_DAY)).toMatch(/sent\s+2\b/);
  const digest = await smtp.waitFor(email, { since });
  expect(digest.subject).toBe("Daily Papers: trending on Dec 12, 2025");
  expect(digest.headerLines.map((line) => line.key)).toEqual(expect.arrayContaining(["list-unsubscribe", "list-unsubscribe-post"]));

  // The email as a mail program shows it, and its first paper link leads to that paper's page.
  await page.setContent(digest.html || "");
  await shot(page, "42-digest-email", { fullPage: true });
  const firstLink = page.locator("ol a").first();
  const title = (await firstLink.textContent()) ?? "";
  expect(digest.text).toContain(title);
  await page.goto((await firstLink.getAttribute("href")) ?? "");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // The unsubscribe link and the one-click address, fetched as a scanner would: still subscribed.
  const unsubscribeLink = linkIn(digest, "/unsubscribe");
  await scan(page.request, unsubscribeLink);
  await scan(page.request, oneClickIn(digest));
  expect((await subscriptionOf(email)).unsubscribedAt).toBeNull();
  await page.goto(unsubscribeLink);
  await expect(page.getByRole("heading", { name: "Unsubscribe" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Stop sending the daily digest to ${email}?`);
  expect((await subscriptionOf(email)).unsubscribedAt).toBeNull();
  await shots(page, "43-unsubscribe");
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "Unsubscribed" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`${email} will get no more digests`);
  expect((await subscriptionOf(email)).unsubscribedAt).not.toBeNull();
  await shots(page, "43-unsubscribed");

  // RFC 8058 one-click, as the other reader's mail provider sends it: a POST from its server.
  const otherDigest = await smtp.waitFor(other, { since });
  const mailProvider = await playwright.request.newContext();
  const oneClick = await mailProvider.post(oneClickIn(otherDigest), { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.json()).toEqual({ unsubscribed: true, email: other });
  await mailProvider.dispose();
  expect((await subscriptionOf(other)).unsubscribedAt).not.toBeNull();

  const before = smtp.messages.length;
  expect(await runDigest(SAMPLE_DAY)).toMatch(/sent\s+0\b/);
  expect(await runDigest("2024-10-25")).toMatch(/sent\s+0\b/);
  expect(smtp.messages.length).toBe(before);
});

test("a confirmation or unsubscribe link that was tampered with says so, and offers no button", async ({ page, request }) => {
  await page.goto("/subscribe/confirm?token=abc.def");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This confirmation link is not valid");
  await expect(page.getByRole("link", { name: "Subscribe again" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  await page.goto("/unsubscribe?token=abc.def");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This unsubscribe link is not valid");
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  // Posting a bad token is refused the same way: back to the page that says why, or a 400 for a mail program.
  const posted = await request.post("/api/subscriptions/confirm", { form: { token: "abc.def" }, maxRedirects: 0 });
  expect(posted.status()).toBe(303);
  expect(posted.headers()["location"]).toBe("/subscribe/confirm?token=abc.def");
  expect((await request.post("/api/unsubscribe?token=abc.def")).status()).toBe(400);
  // A confirmation posted from another site is refused.
  expect((await request.post("/api/subscriptions/confirm", { form: { token: "abc.def" }, headers: { origin: "https://evil.example" } })).status()).toBe(403);
});

test("submit a paper by arXiv id: added with its submitter, a second time linked, a bad id explained", async ({ browser }) => {
  // The paper must not be here yet: take it out of the database the server uses.
  const db = openDatabase(E2E_DATABASE_URL);
  await db.prisma.paper.deleteMany({ where: { id: "0704.0001" } });
  await db.close();

  const page = await signUp(browser, "Ada Submitter", `ada-${Date.now()}@example.org`, "/submit");
  await expect(page.getByRole("heading", { name: "Submit a paper" })).toBeVisible();
  const box = page.getByLabel("arXiv id or address");
  await box.fill("not-an-id");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("an arXiv id looks like 2312.00752");
  await shot(page, "44-submit-bad-id");

  await box.fill("https://arxiv.org/abs/0704.0001v2");
  await page.getByRole("button", { name: "Submit" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("Added to today’s papers");
  await shot(page, "45-submit-added");
  await status.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Calculation of prompt diphoton production");
  await expect(page.getByText("submitted by Ada Submitter")).toBeVisible();

  await page.goto("/submit");
  await page.getByLabel("arXiv id or address").fill("arXiv:0704.0001");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText("Already in the feed");

  await page.goto("/");
  await expect(page.getByText("Submitted by Ada Submitter")).toBeVisible();
  await shot(page, "46-feed-with-submission");
});

test("an anonymous visitor who opens /submit is sent to sign in first", async ({ page }) => {
  await page.goto("/submit");
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)submit$/);
});

test("every feed page links its RSS and Atom feeds, and they hold the page's papers", async ({ page, request }) => {
  await page.goto(`/papers/date/${SAMPLE_DAY}`);
  const rss = await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href");
  const atom = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
  expect(rss).toMatch(new RegExp(`/papers/date/${SAMPLE_DAY}/feed\\.xml$`));
  const pageLinks = await page.locator("article h2 a").evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  const feed = parseFeed(await (await request.get(rss!)).text());
  expect(feed.items.map((item) => item.url)).toEqual(pageLinks);
  expect((await request.get(atom!)).headers()["content-type"]).toContain("application/atom+xml");
  const markdown = await request.get("/papers/2312.00752.md");
  expect(markdown.headers()["content-type"]).toContain("text/markdown");
  expect(await markdown.text()).toMatch(/^# Mamba/);
});
