import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { SHOWN_SESSION_SECONDS } from "../../lib/auth/session";
import { E2E_DATABASE_URL } from "./servers";
import { axeViolations, shot, shots, signUp } from "./support";

// The community journey: two readers upvote and discuss a paper, an admin hides one.
const PAPER = "/papers/vidla-video-language-alignment-at-scale"; // 1 imported upvote
const upvoteButton = (page: Page) => page.getByRole("button", { name: /upvote/i }).first();

/** A vote shows at once; it is saved once its box is no longer busy (a reload before that races the write). */
const saved = (page: Page) => expect(page.locator('button[aria-busy="true"]')).toHaveCount(0);

const apiUpvotes = async (page: Page) => (await (await page.request.get(`/api${PAPER}`)).json()).upvotes as number;

// Each test leaves the shared database as it found it (votes taken back, papers shown again),
// so the suites can run in any order.
test.describe.configure({ mode: "serial" });

test("an anonymous click on upvote goes to sign in, and the vote is counted once the account exists", async ({ page }) => {
  await page.goto(PAPER);
  const start = await apiUpvotes(page);
  await page.getByRole("link", { name: /Sign in to upvote/ }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpapers%2Fvidla.*&upvote=vidla/);
  await expect(page.getByText("Your upvote is counted as soon as you are signed in.")).toBeVisible();
  await shot(page, "20-sign-in");
  await page.getByRole("link", { name: "Sign up" }).last().click();
  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill(`grace-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("a long enough password");
  await shot(page, "21-sign-up");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(new RegExp(`${PAPER}#paper-`));
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText("Grace Hopper");
  await expect(upvoteButton(page)).toHaveAttribute("aria-pressed", "true");
  expect(await apiUpvotes(page)).toBe(start + 1);
  await upvoteButton(page).click();
  await saved(page);
  expect(await apiUpvotes(page)).toBe(start);
});

test("a signed-out vote on a feed page brings the reader back to that paper on that page, counted, nothing reordered", async ({ page }) => {
  const day = "/papers/date/2025-12-12?sort=trending";
  await page.goto(day);
  const titles = () => page.locator("article h2").allTextContents();
  const before = await titles();
  const sixth = page.locator("article").nth(5);
  const id = (await sixth.getAttribute("id"))!;
  const count = Number(
    await sixth
      .getByRole("link", { name: /upvotes?\. Sign in to upvote/ })
      .innerText()
      .then((text) => text.match(/\d+/)![0]),
  );
  await sixth.getByRole("link", { name: /Sign in to upvote/ }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=.*&upvote=/);
  await page.getByRole("link", { name: "Sign up" }).last().click();
  await expect(page).toHaveURL(/\/sign-up\?next=.*&upvote=/);
  await page.getByLabel("Name").fill("Katherine Johnson");
  await page.getByLabel("Email").fill(`katherine-carried-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(new RegExp(`/papers/date/2025-12-12\\?sort=trending#${id}$`));
  const card = page.locator(`article[id="${id}"]`);
  await expect(card.getByRole("button", { name: /remove upvote$/ })).toContainText(String(count + 1));
  await expect(card).toBeInViewport();
  await shot(page, "24-carried-vote-back-on-the-feed");
  // Taking it back is counted in place: nothing moves under the reader until they navigate again.
  const shown = await titles();
  expect(new Set(shown)).toEqual(new Set(before));
  await card.getByRole("button", { name: /remove upvote$/ }).click();
  await saved(page);
  await expect(card.getByRole("button", { name: /upvotes?, upvote$/ })).toContainText(String(count));
  expect(await titles()).toEqual(shown);
});

test("two accounts upvote (+2 everywhere, after reload too), one takes it back (+1)", async ({ browser }) => {
  const ada = await signUp(browser, "Ada Lovelace", `ada-${Date.now()}@example.org`, PAPER);
  const start = await apiUpvotes(ada);
  await expect(upvoteButton(ada)).toHaveAttribute("aria-pressed", "false");
  // By keyboard: focus the button and press Enter.
  await upvoteButton(ada).focus();
  await ada.keyboard.press("Enter");
  await expect(upvoteButton(ada)).toHaveAttribute("aria-pressed", "true");
  await expect(upvoteButton(ada)).toContainText(String(start + 1));
  await shot(ada, "22-upvoted-paper");

  const bob = await signUp(browser, "Bob Kahn", `bob-${Date.now()}@example.org`);
  const card = bob.locator("article", { hasText: "VidLA: Video-Language Alignment at Scale" });
  // A double click is one vote.
  await card.getByRole("button", { name: /upvote/i }).dblclick();
  await expect(card.getByRole("button", { name: /upvote/i })).toContainText(String(start + 2));
  await saved(bob);
  await bob.reload();
  await expect(bob.locator("article", { hasText: "VidLA" }).getByRole("button", { name: /remove upvote$/ })).toContainText(String(start + 2));
  await shot(bob, "23-feed-after-two-upvotes");
  expect(await apiUpvotes(bob)).toBe(start + 2);
  await ada.reload();
  await expect(upvoteButton(ada)).toContainText(String(start + 2));

  await bob
    .locator("article", { hasText: "VidLA" })
    .getByRole("button", { name: /remove upvote$/ })
    .click();
  await expect(bob.locator("article", { hasText: "VidLA" }).getByRole("button", { name: /upvotes?, upvote$/ })).toContainText(String(start + 1));
  await saved(bob);
  await bob.reload();
  await expect(bob.locator("article", { hasText: "VidLA" }).getByRole("button", { name: /upvotes?, upvote$/ })).toContainText(String(start + 1));
  expect(await apiUpvotes(bob)).toBe(start + 1);

  await bob.goto("/papers/upvoted");
  await expect(bob.getByText("Nothing yet")).toBeVisible();
  await ada.goto("/papers/upvoted");
  await expect(ada.locator("article")).toHaveCount(1);
  await shot(ada, "24-reading-list");

  // Leave the counts as they were for the other suites.
  await ada
    .locator("article")
    .getByRole("button", { name: /remove upvote$/ })
    .click();
  await expect.poll(() => apiUpvotes(ada)).toBe(start);
});

test("a failed vote rolls back with a visible message", async ({ browser }) => {
  const page = await signUp(browser, "Edsger Dijkstra", `edsger-${Date.now()}@example.org`, PAPER);
  const before = await upvoteButton(page).getAttribute("aria-label");
  // Server actions are POSTs carrying a Next-Action header: drop them to simulate a failure.
  await page.route("**/*", (route) => (route.request().headers()["next-action"] ? route.abort() : route.continue()));
  await upvoteButton(page).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("Your vote was not saved");
  await expect(upvoteButton(page)).toHaveAttribute("aria-label", before!);
  await expect(upvoteButton(page)).toHaveAttribute("aria-pressed", "false");
  await shot(page, "25-vote-rolled-back");
});

test("comment, edit and delete; a comment's markdown renders, its markup stays text", async ({ browser }) => {
  const page = await signUp(browser, "Barbara Liskov", `barbara-${Date.now()}@example.org`, PAPER);
  await page.getByLabel("Your comment").fill("   ");
  await page.getByRole("button", { name: "Comment" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("Write a comment first");

  await page.getByLabel("Your comment").fill("Useful baseline <b>not bold</b> — code at https://github.com/example/vidla.");
  await page.getByRole("button", { name: "Comment" }).dblclick();
  const comments = page.locator("#comments li");
  await expect(comments).toHaveCount(1);
  await expect(comments.first()).toContainText("<b>not bold</b>");
  // The keyboard stays in the form, and the page says the comment went in.
  await expect(page.locator('main [aria-live="polite"]', { hasText: "Your comment is posted." })).toBeVisible();
  await expect(page.getByLabel("Your comment")).toBeFocused();
  await expect(comments.first().getByRole("link", { name: "https://github.com/example/vidla" })).toHaveAttribute("rel", /nofollow/);
  await expect(page.getByRole("heading", { name: "1 comment" })).toBeVisible();
  await shot(page, "26-comment");

  await comments.first().getByRole("button", { name: "Edit" }).click();
  // Comments are markdown: emphasis and links render, raw HTML and javascript: links stay text.
  await page
    .getByLabel("Edit your comment")
    .fill("Edited: a **useful** baseline, see [the code](https://github.com/example/vidla).\n\n<i>raw</i> [x](javascript:alert(1))");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(comments.first()).toContainText("Edited: a useful baseline, see the code.");
  await expect(comments.first().locator("strong")).toHaveText("useful");
  await expect(comments.first().getByRole("link", { name: "the code" })).toHaveAttribute("rel", /nofollow/);
  await expect(comments.first()).toContainText("<i>raw</i> [x](javascript:alert(1))");
  await expect(comments.first().locator("i, a[href^='javascript']")).toHaveCount(0);
  await expect(comments.first()).toContainText("(edited)");
  await shot(page, "27-comment-edited");
  expect(
    (await (await page.request.get("/api/daily_papers")).json()).find(
      (entry: { paper: { id: string } }) => entry.paper.id === "vidla-video-language-alignment-at-scale",
    ).numComments,
  ).toBe(1);

  await comments.first().getByRole("button", { name: "Delete" }).click();
  await expect(comments).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Comments" })).toBeVisible();
});

test("two readers discuss in a thread: a reply, a reply to the reply, the question deleted", async ({ browser }) => {
  const paper = "/papers/2312.00752";
  const grace = await signUp(browser, "Grace Hopper", `grace-${Date.now()}@example.org`, paper);
  await grace.getByLabel("Your comment").fill("Does the selective scan hold up past 1M tokens?");
  await grace.getByRole("button", { name: "Comment" }).click();
  const alan = await signUp(browser, "Alan Turing", `alan-${Date.now()}@example.org`, paper);
  const thread = alan.locator("#comments > ol > li").first();
  await expect(thread).toContainText("Does the selective scan hold up");

  await thread.getByRole("button", { name: "Reply" }).click();
  // The reply's box opens with the keyboard in it.
  await expect(alan.getByLabel("Your reply")).toBeFocused();
  await alan.keyboard.type("Figure 4 goes to 1M; beyond that, untested.");
  await alan.getByRole("button", { name: "Reply", exact: true }).last().click();
  const replies = thread.getByRole("list", { name: /^Replies to / }).locator("li");
  await expect(replies).toHaveCount(1);
  await expect(replies.first()).toContainText("Alan Turing");
  await expect(alan.getByLabel("Your reply")).toHaveCount(0);
  await expect(thread.getByText("Your reply is posted.")).toBeFocused();

  // Reply on a reply answers in the same thread: one level, as on Hugging Face.
  await grace.reload();
  const graceThread = grace.locator("#comments > ol > li").first();
  await graceThread.getByRole("list", { name: "Replies to Grace Hopper" }).getByRole("button", { name: "Reply" }).click();
  await grace.getByLabel("Your reply").fill("Thanks, **that** answers it.");
  await grace.getByLabel("Your reply").press("Tab");
  await grace.keyboard.press("Tab");
  await grace.keyboard.press("Enter");
  const graceReplies = graceThread.getByRole("list", { name: /^Replies to / }).locator("li");
  await expect(graceReplies).toHaveCount(2);
  await expect(graceReplies.last().locator("strong")).toHaveText("that");
  await expect(grace.getByRole("heading", { name: "3 comments" })).toBeVisible();
  await shots(grace, "26b-comment-replies", graceThread);
  for (const colorScheme of ["light", "dark"] as const) {
    await grace.emulateMedia({ colorScheme });
    expect(await axeViolations(grace)).toEqual([]);
  }
  await grace.emulateMedia({ colorScheme: "light" });

  // The question goes; the answers keep their place under "This comment was deleted."
  await graceThread.getByRole("button", { name: "Delete" }).first().click();
  await expect(graceThread).toContainText("This comment was deleted.");
  await expect(graceThread).not.toContainText("selective scan");
  await expect(graceReplies).toHaveCount(2);
  await expect(grace.getByRole("heading", { name: "2 comments" })).toBeVisible();
  await expect(graceThread.getByRole("button", { name: "Reply" })).toHaveCount(0);
  await shot(grace, "26c-comment-deleted-question");

  // A reply Alan writes to the thread he still has open is refused with a message, and his words stay in the box.
  await thread.getByRole("button", { name: "Reply" }).first().click();
  await alan.getByLabel("Your reply").fill("One more thought.");
  await alan.getByRole("button", { name: "Reply", exact: true }).last().click();
  await expect(alan.locator("#comments").getByRole("alert")).toContainText("The comment you replied to is gone");
  await expect(alan.getByLabel("Your reply")).toHaveValue("One more thought.");

  // Both replies go: the deleted question goes with the last one.
  await grace.getByRole("button", { name: "Delete" }).last().click();
  await expect(graceReplies).toHaveCount(1);
  await alan.reload();
  await alan.locator("#comments").getByRole("button", { name: "Delete" }).click();
  await expect(alan.locator("#comments li")).toHaveCount(0);
  await expect(alan.getByRole("heading", { name: "Comments", exact: true })).toBeVisible();
});

test("an admin hides a paper from the feed", async ({ browser }) => {
  const reader = await signUp(browser, "Reader", `reader-${Date.now()}@example.org`, PAPER);
  await expect(reader.getByRole("button", { name: "Hide from the feed" })).toHaveCount(0);

  const admin = await signUp(browser, "Admin", "admin@example.org", "/papers/2301.00002");
  // Signing up with an address makes nobody an admin: the operator grants it, as the README says.
  await expect(admin.getByRole("button", { name: "Hide from the feed" })).toHaveCount(0);
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/admin.ts", "grant", "admin@example.org"], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
  });
  // Pages show the account as each server process found it at most SHOWN_SESSION_SECONDS ago
  // (lib/auth/session.ts): once that has passed, every page load shows the grant.
  await new Promise((resolve) => setTimeout(resolve, SHOWN_SESSION_SECONDS * 1_000));
  await admin.reload();
  await expect(admin.getByRole("navigation", { name: "Account" })).toContainText("admin");
  await admin.getByRole("button", { name: "Hide from the feed" }).click();
  await expect(admin.getByRole("status")).toContainText("An admin has hidden this paper");
  await shot(admin, "28-admin-hidden");
  await admin.goto("/papers/date/2023-01-10");
  await expect(admin.locator("article")).toHaveCount(1);
  await expect(admin.getByText("Sums")).toHaveCount(0);
  await shot(admin, "29-feed-without-hidden");

  // And back, so the other suites see the feed whole.
  await admin.goto("/papers/2301.00002");
  await admin.getByRole("button", { name: "Show in the feed again" }).click();
  await expect(admin.getByRole("status")).toHaveCount(0);
  await admin.goto("/papers/date/2023-01-10");
  await expect(admin.locator("article")).toHaveCount(2);
});
