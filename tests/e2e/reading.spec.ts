import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { axeViolations, shot, shots, signUp } from "./support";

// A researcher's morning past the feed itself: narrowing a day to a category, a paper's page
// (its authors, its rank, its citation, who upvoted it), and a paper that is not here yet.

test("a card's category narrows the day to it, every step keeps it, and 'show all' gives the day back", async ({ page }) => {
  // Other suites add and take papers on this day (inbox.spec's submit): counts are read, not assumed.
  await page.goto("/papers/date/2024-10-28");
  const total = Number((await page.getByText(/^\d+ papers?$/).textContent())!.split(" ")[0]);
  expect(total).toBeGreaterThan(1);
  const mamba = page.locator("article", { hasText: "Mamba: Linear-Time Sequence Modeling" });
  await mamba.getByRole("link", { name: "cs.LG", exact: true }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2024-10-28\?category=cs\.LG$/);
  const cards = page.locator("article");
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(total);
  await expect(page.getByText(`${count} cs.LG ${count === 1 ? "paper" : "papers"}`, { exact: true })).toBeVisible();
  for (const card of await cards.all()) await expect(card.getByRole("link", { name: "cs.LG", exact: true })).toBeVisible();
  // Sorting and stepping to the week keep the category.
  await page.getByRole("link", { name: "Newest" }).click();
  await expect(page).toHaveURL(/\?category=cs\.LG&sort=newest$/);
  await page.getByRole("link", { name: "Week", exact: true }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2024-W44\?category=cs\.LG&sort=newest$/);
  await page.getByRole("link", { name: "show all" }).click();
  await expect(page).toHaveURL(/\/papers\/week\/2024-W44\?sort=newest$/);
  // An address with a category no paper of the period has says so; one that is no category is ignored.
  await page.goto("/papers/date/2024-10-28?category=astro-ph.GA");
  await expect(page.getByText("No astro-ph.GA papers in this day.")).toBeVisible();
  await page.goto("/papers/date/2024-10-28?category=%3Cscript%3E");
  await expect(page.getByText(`${total} papers`, { exact: true })).toBeVisible();
});

test("on a wide screen the feed is two columns of cards; on a phone, one", async ({ page }) => {
  // The sample's day (the home page may show another: inbox.spec submits a paper to today).
  await page.goto("/papers/date/2025-12-12");
  const [first, second] = [page.locator("article").nth(0), page.locator("article").nth(1)];
  const boxes = async () => [(await first.boundingBox())!, (await second.boundingBox())!] as const;
  let [a, b] = await boxes();
  expect(b.y).toBe(a.y);
  expect(b.x).toBeGreaterThan(a.x + a.width);
  await page.setViewportSize({ width: 390, height: 800 });
  [a, b] = await boxes();
  expect(b.y).toBeGreaterThan(a.y + a.height - 1);
  expect(b.x).toBe(a.x);
  // A day with both a previous and a next day, at a phone's width: nothing sticks out sideways.
  await page.goto("/papers/date/2024-10-28");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, "80-feed-phone-both-steps");
  await page.goto("/papers/date/2025-12-12");
  await page.setViewportSize({ width: 1280, height: 800 });
  await shots(page, "80-feed-grid");
  // Hugging Face's day: each card has the source's thumbnail, lazy, without a referrer (here the
  // CDN is out of reach, so the tinted box stands in), and who submitted it there.
  const html = await (await page.request.get("/papers/date/2024-10-25")).text();
  expect(html).toMatch(
    /<img src="https:\/\/cdn-thumbnails\.huggingface\.co\/social-thumbnails\/papers\/2410\.17243\.png" alt="" loading="lazy"[^>]* referrerPolicy="no-referrer"/,
  );
  await page.goto("/papers/date/2024-10-25");
  const card = page.locator("article", { hasText: "Breaking the Memory Barrier" });
  await expect(card).toContainText("Submitted by Zesen Cheng");
  // Out of reach, the picture is taken away (no broken-image icon); the tinted box stays.
  await expect(card.locator("img")).toHaveCount(0);
  await expect(card.locator("span[aria-hidden].float-right")).toBeVisible();
  await shots(page, "84-feed-thumbnails");
});

test("a paper's page: authors lead to their papers, its rank of the day, a BibTeX to copy, and who upvoted it", async ({ browser }) => {
  const name = `Upvoter ${randomUUID().slice(0, 6)}`;
  const page = await signUp(browser, name, `reader-${randomUUID()}@example.org`, "/papers/2312.00752");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mamba: Linear-Time Sequence Modeling with Selective State Spaces");

  // Voting names the voter on the page, once it is read again; with its upvote the paper ranks
  // among its day's (2024-10-28's four came from arXiv without upvotes), linking the day by upvotes.
  await expect(page.getByText(`Upvoted here by ${name}`)).toHaveCount(0);
  await page.getByRole("button", { name: /upvotes?, upvote$/ }).click();
  // Shown at once; saved once the box is no longer busy.
  await expect(page.getByRole("button", { name: /remove upvote$/ })).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(page.getByText(`Upvoted here by ${name}.`)).toBeVisible();
  const rank = page.getByRole("link", { name: /^#\d+ Paper of the day$/ });
  await expect(rank).toBeVisible();
  await expect(rank).toHaveAttribute("href", "/papers/date/2024-10-28?sort=upvotes");

  // The citation, as arXiv's export writes it, copied with one click.
  await page.getByText("Cite this paper (BibTeX)").click();
  const entry = page.locator("pre", { hasText: "@misc{" });
  await expect(entry).toContainText("eprint        = {2312.00752}");
  await expect(entry).toContainText("author        = {Albert Gu and Tri Dao}");
  await page.getByRole("button", { name: "Copy BibTeX" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await entry.textContent());
  await shots(page, "81-paper-page");

  // An author's name starts a search for their papers.
  // Leave the counts as they were for the other suites.
  await page.getByRole("button", { name: /remove upvote$/ }).click();
  await expect(page.getByRole("button", { name: /upvotes?, upvote$/ })).toHaveAttribute("aria-busy", "false");
  await page.getByRole("link", { name: "Albert Gu", exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=%22Albert\+Gu%22$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Albert Gu");
  await expect(page.locator("article", { hasText: "Mamba: Linear-Time Sequence Modeling" })).toBeVisible();
  await page.context().close();
});

test("a missing paper named by its arXiv id is a 404 that offers to submit it, with the form filled in", async ({ page, browser }) => {
  const missing = await page.goto("/papers/2501.00001v2");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "arXiv:2501.00001 is not in Daily Papers yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Read it on arXiv" })).toHaveAttribute("href", "https://arxiv.org/abs/2501.00001");
  await shot(page, "82-missing-arxiv-paper");
  // Signed out, Submit leads through sign-in and back to the filled-in form.
  await page.getByRole("link", { name: "Submit arXiv:2501.00001" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsubmit%3Fid%3D2501\.00001$/);
  const reader = await signUp(browser, "Submitter", `submitter-${randomUUID()}@example.org`, "/submit?id=2501.00001");
  await expect(reader).toHaveURL(/\/submit\?id=2501\.00001$/);
  await expect(reader.getByLabel("arXiv id or address")).toHaveValue("2501.00001");
  // An address that names no arXiv id is the plain 404; a garbled ?id= fills in nothing.
  await reader.goto("/papers/not-a-paper-here");
  await expect(reader.getByRole("heading", { name: "Not found" })).toBeVisible();
  await reader.goto("/submit?id=%3Cb%3Enope");
  await expect(reader.getByLabel("arXiv id or address")).toHaveValue("");
  await reader.context().close();
});

test("the date picker shows the month with the days that have papers, and leads to one", async ({ page }) => {
  await page.goto("/papers/date/2024-10-28");
  await page.getByText("Oct 28, 2024 (pick a day)").click();
  const calendar = page.locator("table", { has: page.locator("caption", { hasText: "Days of October 2024" }) });
  await expect(calendar).toBeVisible();
  // The day shown is marked; a day with papers is a link that says how many; an empty day is no link.
  await expect(calendar.getByRole("link", { name: /^Oct 28, 2024: \d+ papers?$/ })).toHaveAttribute("aria-current", "date");
  await expect(calendar.getByRole("link", { name: /^Oct 25, 2024: \d+ papers?$/ })).toBeVisible();
  await expect(calendar.getByText("Oct 1, 2024: no papers")).toBeAttached();
  await expect(calendar.getByRole("link", { name: /^Oct 1, 2024/ })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await shots(page, "83-date-picker");
  await calendar.getByRole("link", { name: /^Oct 25, 2024/ }).click();
  await expect(page).toHaveURL(/\/papers\/date\/2024-10-25$/);
  // Its arrows go to the nearest months with papers; Escape closes it.
  await page.getByText("Oct 25, 2024 (pick a day)").click();
  const previous = page.getByRole("link", { name: /^Previous month with papers: / });
  await expect(previous).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(previous).toBeHidden();
  await page.getByText("Oct 25, 2024 (pick a day)").click();
  await previous.click();
  await expect(page).toHaveURL(/\/papers\/month\/\d{4}-\d{2}$/);
  await expect(page.locator("article").first()).toBeVisible();
});
