import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startServer, type BenchServer } from "../../bench/server";
import { SHARED_CACHE_CONTROL } from "../../lib/http/response-cache";
import type { ViewerAnswer } from "../../lib/viewer/viewer";
import { holdViewerAnswers, shot, shots, signUp } from "./support";

// Issue 13: every page is the same bytes for every reader (the response cache shares them,
// signed in or not); who is looking comes from /api/viewer, read by the page's islands.

const PAPER_ID = "vidla-video-language-alignment-at-scale";
const PAPER = `/papers/${PAPER_ID}`;
const card = (page: Page, title: string) => page.locator("article", { hasText: title });
/** A paper page's "Upvoted here by A, B and 3 others." line, up to its full stop (names have none here). */
const PUBLIC_UPVOTERS = /Upvoted here by [^.]{0,300}\./g;

/** Every kind of shared answer, at addresses this database has. */
async function sharedAddresses(request: APIRequestContext): Promise<string[]> {
  const [latest] = (await (await request.get("/api/daily_papers?limit=1")).json()) as Array<{ publishedAt: string }>;
  const day = latest!.publishedAt.slice(0, 10);
  return [
    "/",
    `/papers/date/${day}`,
    `/papers/week/${(await (await request.get(`/papers/date/${day}`)).text()).match(/\/papers\/week\/(\d{4}-W\d{2})/)![1]}`,
    `/papers/month/${day.slice(0, 7)}`,
    "/papers/trending",
    "/search?q=video",
    PAPER,
    `${PAPER}.md`,
    "/api/daily_papers",
    `/api/papers/${PAPER_ID}`,
    "/api/papers/search?q=video",
    "/feed.xml",
  ];
}

test.describe.configure({ mode: "serial" });

test("no byte of one reader's gets into an answer shared with others; the viewer answer is theirs alone", async ({ browser, request }) => {
  const stamp = Date.now();
  const name = `Zenobia Quillfeather ${stamp}`;
  const email = `zenobia-${stamp}@example.org`;
  const zenobia = await signUp(browser, name, email, PAPER);
  await zenobia.getByRole("button", { name: /upvotes?, upvote$/ }).click();
  // Shown at once; saved once the box is no longer busy.
  await expect(zenobia.getByRole("button", { name: /remove upvote$/ })).toHaveAttribute("aria-busy", "false");

  const addresses = await sharedAddresses(request);
  const other = await signUp(browser, `Other Reader ${stamp}`, `other-${stamp}@example.org`);
  for (const [who, client] of [
    ["Zenobia herself", zenobia.request],
    ["another account", other.request],
    ["a visitor", request],
  ] as const) {
    for (const address of addresses) {
      const answer = await client.get(address);
      expect(answer.status(), `${address} for ${who}`).toBe(200);
      expect(answer.headers()["cache-control"], `${address} for ${who}`).toBe(SHARED_CACHE_CONTROL);
      const text = await answer.text();
      // Her vote is public, as on Hugging Face: the paper's own page names her among those who
      // upvoted it (the same for every reader). That line, in the HTML and in the page's RSC
      // payload, is the only place her name may be; it is cut out before the check.
      const attributions = text.match(PUBLIC_UPVOTERS) ?? [];
      if (address === PAPER) expect(attributions.join(" "), `${address} for ${who}`).toContain(name);
      const body = text.replace(PUBLIC_UPVOTERS, "");
      expect(body, `${address} for ${who}`).not.toContain("Zenobia");
      expect(body, `${address} for ${who}`).not.toContain(email);
      // No vote state in shared pages: every box waits for the viewer answer.
      expect(body, `${address} for ${who}`).not.toMatch(/aria-pressed="true"/);
    }
  }

  // The viewer answer says who is asking, and is kept by no one.
  const mine = await zenobia.request.get(`/api/viewer?papers=${PAPER_ID}`);
  expect(mine.headers()["cache-control"]).toBe("private, no-store");
  expect(await mine.json()).toMatchObject({ user: { name, email, isAdmin: false }, upvoted: [PAPER_ID] });
  expect(await (await other.request.get(`/api/viewer?papers=${PAPER_ID}`)).json()).toMatchObject({ upvoted: [] });
  const visitors = (await (await request.get(`/api/viewer?papers=${PAPER_ID}`)).json()) as ViewerAnswer;
  expect(visitors).toEqual({ user: null, upvoted: [], upvotes: { [PAPER_ID]: expect.any(Number) } });

  // Each reader's own state on the same page: Zenobia's vote is hers.
  await other.goto(PAPER);
  await expect(other.getByRole("button", { name: /upvotes?, upvote$/ })).toHaveAttribute("aria-pressed", "false");
  await expect(other.getByRole("navigation", { name: "Account" })).not.toContainText("Zenobia");
  await zenobia.reload();
  await expect(zenobia.getByRole("button", { name: /remove upvote$/ })).toHaveAttribute("aria-pressed", "true");
  await zenobia.getByRole("button", { name: /remove upvote$/ }).click();
  await expect(zenobia.getByRole("button", { name: /upvotes?, upvote$/ })).toHaveAttribute("aria-pressed", "false");
});

test("signed in, the feed fills in the reader's name and votes after it loads, and a vote survives a reload", async ({ browser }) => {
  const stamp = Date.now();
  const page = await signUp(browser, `Katherine Johnson ${stamp}`, `katherine-${stamp}@example.org`, PAPER);
  // The paper's day (the home page shows whichever day is latest, which other suites change).
  await page.getByRole("link", { name: /Daily Papers of/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\//);
  const vidla = card(page, "VidLA: Video-Language Alignment at Scale");
  const before = Number(
    await vidla
      .getByRole("button", { name: /upvotes?, upvote$/ })
      .innerText()
      .then((text) => text.replace(/\D/g, "")),
  );
  await vidla.getByRole("button", { name: /upvotes?, upvote$/ }).click();
  await expect(vidla.getByRole("button", { name: /remove upvote$/ })).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(`Katherine Johnson ${stamp}`);
  const upvoted = card(page, "VidLA: Video-Language Alignment at Scale").getByRole("button", { name: /remove upvote$/ });
  await expect(upvoted).toHaveAttribute("aria-pressed", "true");
  // The shared page's count has the vote in it too.
  await expect(upvoted).toContainText(String(before + 1));
  // Every other card's box is a button now, not upvoted.
  const others = page
    .locator("article")
    .filter({ hasNotText: "VidLA: Video-Language Alignment at Scale" })
    .getByRole("button", { name: /upvotes?, upvote$/ });
  expect(await others.count()).toBeGreaterThan(5);
  await shots(page, "60-feed-signed-in-after-viewer");
  // A subscribe form offers the account's address.
  await expect(page.getByRole("form", { name: "Subscribe to the digest" }).getByLabel("Email address")).toHaveValue(`katherine-${stamp}@example.org`);
  await card(page, "VidLA: Video-Language Alignment at Scale")
    .getByRole("button", { name: /remove upvote$/ })
    .click();
  await expect(card(page, "VidLA: Video-Language Alignment at Scale").getByRole("button", { name: /upvotes?, upvote$/ })).toBeVisible();
});

test.describe("on a server that serves every page's previous copy while it renders again (STALE_AFTER_RENDER_MS=0)", () => {
  let folder: string;
  let server: BenchServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-stale-"));
    // `npm start` on a database of its own, which it fills with the sample papers.
    server = await startServer({
      databaseUrl: `file:${path.join(folder, "papers.db")}`,
      logFile: path.join(folder, "server.log"),
      // One worker: each worker keeps copies of its own, and the test reads the one that has them.
      env: { STALE_AFTER_RENDER_MS: "0", TRUSTED_PROXIES: "loopback", WEB_CONCURRENCY: "1" },
    });
  });
  test.afterAll(() => {
    server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("a vote shows on everyone's next page load, also when the page they get is the copy from before it", async ({ browser, playwright }) => {
    const request = await playwright.request.newContext({ baseURL: server!.origin });
    const stamp = Date.now();
    const voter = await signUp(browser, `Grace Hopper ${stamp}`, `grace-${stamp}@example.org`, PAPER, { baseURL: server!.origin });
    const box = voter.getByRole("button", { name: /upvotes?, upvote$/ });
    const before = Number((await box.innerText()).replace(/\D/g, ""));
    // The copy everyone is served, once it has caught up with the count before the vote.
    await expect.poll(async () => (await request.get(PAPER)).text()).toContain(`aria-label="${before} upvote`);
    await box.click();
    await expect(voter.getByRole("button", { name: /remove upvote$/ })).toHaveAttribute("aria-busy", "false");

    // The first request after the vote gets the page as it was (it renders again behind it)...
    const copy = await request.get(PAPER);
    expect(copy.headers()["x-response-cache"]).toBe("stale");
    expect(await copy.text()).toContain(`aria-label="${before} upvote`);
    // ...and yet a visitor's page load shows the vote: the viewer answer brings the count.
    const visitor = await (await browser.newContext({ baseURL: server!.origin })).newPage();
    await visitor.goto(PAPER);
    await expect(visitor.getByRole("link", { name: /Sign in to upvote$/ }).first()).toContainText(String(before + 1));
    // The voter sees their own vote in the page itself: their write mark lets them have only a
    // copy rendered after it (whichever worker answers).
    expect(await (await voter.request.get(PAPER)).text()).toContain(`aria-label="${before + 1} upvote`);
    // The page rendered behind the copy has the vote for everyone.
    await expect.poll(async () => (await request.get(PAPER)).text()).toContain(`aria-label="${before + 1} upvote`);

    await voter.reload();
    await voter.getByRole("button", { name: /remove upvote$/ }).click();
    await expect(voter.getByRole("button", { name: /upvotes?, upvote$/ })).toHaveAttribute("aria-busy", "false");
  });
});

test("until the viewer answer is in, the boxes and the account look neutral, not signed out and not 'not upvoted'", async ({ browser }) => {
  const stamp = Date.now();
  const page = await signUp(browser, `Hedy Lamarr ${stamp}`, `hedy-${stamp}@example.org`);
  const release = await holdViewerAnswers(page);
  await page.reload();
  const first = page.locator("article").first();
  await expect(first.locator('[data-viewer="unknown"]')).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await shot(page, "61-feed-viewer-unknown");
  release();
  await expect(first.getByRole("button", { name: /upvote/i })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(`Hedy Lamarr ${stamp}`);
});

test("without JavaScript, the feed, a paper and a search read correctly, with links to sign in", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.213" } });
  const page = await context.newPage();
  // The paper's day, by its link (the home page shows whichever day is latest, which other suites change).
  await page.goto(PAPER);
  await page.getByRole("link", { name: /Daily Papers of/ }).click();
  await expect(page.getByRole("heading", { name: "Daily Papers", level: 1 })).toBeVisible();
  const vidla = card(page, "VidLA: Video-Language Alignment at Scale");
  await expect(vidla.getByRole("link", { name: /\d+ upvotes?/ })).toHaveAttribute("href", /\/sign-in\?next=/);
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await shots(page, "62-feed-no-javascript");
  await page.goto(PAPER);
  await expect(page.getByRole("heading", { name: /VidLA/, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Abstract" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to comment" })).toBeVisible();
  await shot(page, "63-paper-no-javascript", { fullPage: true });
  await page.goto("/search?q=video");
  await expect(page.getByRole("heading", { name: /Results for/ })).toBeVisible();
  await expect(page.locator("article").first()).toBeVisible();
  await shot(page, "64-search-no-javascript");
  await context.close();
});
