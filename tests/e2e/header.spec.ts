import { expect, test, type Page } from "@playwright/test";
import { holdViewerAnswers, shot, shots, signUp } from "./support";

// The header at every width: the bar from 1024 px, a Menu button below it holding every
// destination and the account; the skip link; the theme switch that remembers the choice.

const PHONE = { width: 390, height: 800 };

const menuButton = (page: Page) => page.locator("summary", { hasText: "Menu" });
const menu = (page: Page) => page.getByRole("navigation", { name: "Menu" });

test("on a phone, signed out, the menu holds every destination and the way in, and closes when followed", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  // The bar itself shows none of them at this width.
  await expect(page.getByRole("navigation", { name: "Site" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Account" })).toBeHidden();
  await expect(menu(page)).toBeHidden();
  await menuButton(page).click();
  for (const name of ["Latest papers", "Trending", "Submit", "Subscribe", "Sign in", "Sign up"])
    await expect(menu(page).getByRole("link", { name })).toBeVisible();
  await expect(menu(page).getByRole("group", { name: "Theme" })).toBeVisible();
  await shots(page, "70-phone-menu-signed-out");
  await page.setViewportSize(PHONE);
  if (!(await menu(page).isVisible())) await menuButton(page).click();
  await menu(page).getByRole("link", { name: "Trending" }).click();
  await expect(page).toHaveURL(/\/papers\/trending$/);
  await expect(menu(page)).toBeHidden();
  // Escape closes it and leaves the keyboard on the button; so does a tap outside.
  await menuButton(page).click();
  await expect(menu(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu(page)).toBeHidden();
  await expect(menuButton(page)).toBeFocused();
  await menuButton(page).click();
  await page.mouse.click(200, 600);
  await expect(menu(page)).toBeHidden();
});

test("on a phone, signed in, the menu says who is signed in and leads to their upvotes", async ({ browser }) => {
  const stamp = Date.now();
  const page = await signUp(browser, `Ada Lovelace ${stamp}`, `ada-${stamp}@example.org`);
  await page.setViewportSize(PHONE);
  await menuButton(page).click();
  await expect(menu(page)).toContainText(`Signed in as Ada Lovelace ${stamp}`);
  await expect(menu(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await shot(page, "71-phone-menu-signed-in-390-light");
  await menu(page).getByRole("link", { name: "Your upvotes" }).click();
  await expect(page).toHaveURL(/\/papers\/upvoted$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("without JavaScript the phone menu still opens, with Sign in", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await page.goto("/");
  await menuButton(page).click();
  await expect(menu(page).getByRole("link", { name: "Trending" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await context.close();
});

test("on a wide screen the account slot keeps its place, and a signed-in reader's menu is under their name", async ({ browser }) => {
  const stamp = Date.now();
  const page = await signUp(browser, `Grace Hopper ${stamp}`, `grace-${stamp}@example.org`);
  const release = await holdViewerAnswers(page);
  await page.reload();
  const search = page.getByRole("combobox").first();
  const before = await search.boundingBox();
  release();
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account).toContainText(`Grace Hopper ${stamp}`);
  expect(await search.boundingBox(), "the search box does not move when the account fills in").toEqual(before);
  await expect(menuButton(page)).toBeHidden();
  await account.locator("summary").click();
  await expect(account.getByRole("link", { name: "Your upvotes" })).toBeVisible();
  await expect(account.getByRole("button", { name: "Sign out" })).toBeVisible();
  await shot(page, "72-account-menu-1280-light");
  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(account.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("the first Tab stop skips to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await shot(page, "73-skip-link-1280-light");
  await page.keyboard.press("Enter");
  await expect(page.locator("main#content")).toBeFocused();
  // The next Tab goes into the papers, not back through the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test("the theme switch overrides the system's, is remembered before the page paints, and gives it back", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const light = await background(page);
  // The bar's switch (the phone menu's is hidden at this width, and role locators skip what is hidden).
  const theme = page.getByRole("group", { name: "Theme" });
  await theme.getByRole("button", { name: "Dark" }).click();
  await expect(theme.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  const dark = await background(page);
  expect(dark).not.toBe(light);
  await shot(page, "74-theme-dark-chosen-1280");
  // Remembered, and applied by the script in <head>: the first paint is already dark.
  await page.reload({ waitUntil: "commit" });
  await page.waitForSelector("body");
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  expect(await background(page)).toBe(dark);
  // System again: the system's light comes back.
  await theme.getByRole("button", { name: "System" }).click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  expect(await background(page)).toBe(light);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background(page)).toBe(dark);
  // Light over a dark system.
  await theme.getByRole("button", { name: "Light" }).click();
  expect(await background(page)).toBe(light);
});
