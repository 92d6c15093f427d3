import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openChanged, shot } from "./support";
import { migrateDatabase } from "../../lib/db/migrate";

// Any dialog would mean injected script ran.
test.beforeEach(({ page }) => {
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
});

test("the feed opens on the latest day with the sample papers, by upvotes", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Daily Papers" })).toBeVisible();
  await expect(page.getByText("Dec 12, 2025", { exact: true })).toBeVisible();
  // The home page shows the latest day with papers, and says so when that is not today.
  await expect(page.getByText("(the latest day with papers)")).toBeVisible();
  await expect(page.getByText("37 papers", { exact: true })).toBeVisible();
  const cards = page.locator("article");
  await expect(cards).toHaveCount(37);
  await expect(cards.first().getByRole("heading")).toHaveText("Kolmogorov-Arnold Attention: Is Learnable Attention Better For Vision Transformers?");
  await expect(cards.first().getByLabel("3 upvotes")).toBeVisible();
  await expect(cards.first()).toContainText("4 authors");
  // LaTeX in a title is rendered by KaTeX on the server.
  await expect(page.locator("article h2 .katex").first()).toBeVisible();
  await shot(page, "01-feed-desktop");
});

test("previous and next skip to the days that have papers; week and month group them", async ({ page }) => {
  await page.goto("/");
  // Each step says where it goes.
  await expect(page.getByRole("link", { name: "Previous day: Oct 28, 2024" })).toContainText("Oct 28, 2024");
  await page.getByRole("link", { name: /^Previous day/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2024-10-28$/);
  await expect(page.getByText("4 papers", { exact: true })).toBeVisible();
  await shot(page, "02-previous-day");

  await page.getByRole("link", { name: /^Previous day/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2024-10-25$/);
  await expect(page.locator("article").first()).toContainText("Breaking the Memory Barrier");
  await expect(page.locator("article").first().getByLabel("64 upvotes")).toBeVisible();
  // The card names its first authors and links the code the source gave.
  await expect(page.locator("article").first()).toContainText("Z. Cheng, H. Zhang, … +7");
  await expect(page.locator("article").first().getByRole("link", { name: "Code" })).toHaveAttribute("href", "https://github.com/DAMO-NLP-SG/Inf-CLIP");

  await page.getByRole("link", { name: /^Next day/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2024-10-28$/);

  await page.getByRole("link", { name: "Week", exact: true }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2024-W44$/);
  await expect(page.getByText("Week 44")).toBeVisible();
  await page.getByRole("link", { name: "Month", exact: true }).click();
  await expect(page).toHaveURL(/\/papers\/month\/2024-10$/);
  await expect(page.getByText("October 2024", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("8 papers", { exact: true })).toBeVisible();
  await shot(page, "03-month");
  // Month → Day lands on the month's first day that has papers, not on an empty 1st.
  const dayHref = await page.getByRole("link", { name: "Day", exact: true }).getAttribute("href");
  await page.getByRole("link", { name: "Day", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${dayHref}$`));
  expect(dayHref).toMatch(/^\/papers\/date\/2024-10-\d\d$/);
  await expect(page.locator("article").first()).toBeVisible();
  await page.goto("/papers/month/2024-10");

  await page.getByRole("link", { name: "Newest" }).click();
  await expect(page).toHaveURL(/\/papers\/month\/2024-10\?sort=newest$/);
  await expect(page.locator("article").first()).toContainText("LOGO");
});

test("a paper page shows the whole paper with its links", async ({ page }) => {
  await page.goto("/papers/date/2024-10-28");
  await page.getByRole("link", { name: /Mamba: Linear-Time Sequence Modeling/ }).click();
  await expect(page).toHaveURL(/\/papers\/2312\.00752$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mamba: Linear-Time Sequence Modeling with Selective State Spaces");
  await expect(page.getByText("Albert Gu,")).toBeVisible();
  await expect(page.getByText(/Foundation models, now powering most of the exciting applications/)).toBeVisible();
  await expect(page.getByRole("link", { name: "PDF" })).toHaveAttribute("href", "https://arxiv.org/pdf/2312.00752");
  await expect(page.getByText("cs.LG", { exact: true })).toBeVisible();
  await shot(page, "04-paper");

  // A versioned id leads to the paper's one address.
  await page.goto("/papers/2312.00752v2");
  await expect(page).toHaveURL(/\/papers\/2312\.00752$/);

  // Old-style ids keep their slash.
  await page.goto("/papers/cond-mat/0102536");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Impact of Electron-Electron Cusp");
  // Math in the title and abstract is rendered.
  await page.goto("/papers/0710.2073");
  await expect(page.locator("h1 .katex")).toBeVisible();
  await shot(page, "05-paper-latex");
});

test("markup in titles, abstracts and names is shown as text, never run", async ({ page }) => {
  // Other suites hide and show papers of this day.
  await openChanged(page, "/papers/date/2023-01-10", () => expect(page.locator("article")).toHaveCount(2, { timeout: 1_000 }));
  await expect(page.getByText('<img src=x onerror="window.__pwned=1"> Attention <b>Is</b> All You Need & More')).toBeVisible();
  await expect(page.locator("article img, article b, article script, article svg")).toHaveCount(0);
  await page.getByRole("link", { name: /Attention <b>Is<\/b>/ }).click();
  await expect(page.getByText("<svg onload=window.__pwned=4>")).toBeVisible();
  await expect(page.locator("main a[href^='javascript']")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await shot(page, "06-hostile-paper");
  await page.goto("/papers/2301.00002");
  await expect(page.locator(".katex-display")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("and costs of $5 and $10");
});

test("fits a 360 px phone in dark mode without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("article").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe("rgb(255, 255, 255)");
  await shot(page, "07-feed-mobile-dark");
  await page.goto("/papers/0710.2073");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await shot(page, "08-paper-mobile-dark");
  await context.close();
});

test("a wrong address is a friendly 404, not an error", async ({ page }) => {
  for (const url of ["/papers/date/2025-13-40", "/papers/week/2025-W60", "/papers/no-such-paper", "/papers/month/garbage"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await shot(page, "09-not-found");
  // An address Next.js cannot even decode gets a 400 that says so, not a bare 500.
  const broken = await page.request.get("/papers/%E0%A4%A");
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error).toContain("broken percent-encoding");
});

test.describe("on an empty database", () => {
  let server: ChildProcess;
  let folder: string;
  const port = 3218;

  test.beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-empty-"));
    const url = `file:${path.join(folder, "empty.db")}`;
    await migrateDatabase(url);
    server = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(port)], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "ignore",
    });
    for (let attempt = 0; attempt < 100; attempt++) {
      if (
        await fetch(`http://127.0.0.1:${port}/api/papers`).then(
          (response) => response.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the empty-database server did not start");
  });
  test.afterAll(() => {
    server.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("the home page explains how to ingest", async ({ page }) => {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.getByRole("heading", { name: "No papers yet" })).toBeVisible();
    await expect(page.getByText("npm run ingest -- prisma/sample/daily-papers-page.txt")).toBeVisible();
    expect(await (await fetch(`http://127.0.0.1:${port}/api/daily_papers`)).json()).toEqual([]);
    await shot(page, "10-empty-database");
  });
});
