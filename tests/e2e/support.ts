import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";

const SHOTS = path.join(import.meta.dirname, "screenshots");

/** Saves what the page shows as tests/e2e/screenshots/{name}.png, to be looked at. */
export const shot = (page: Page, name: string, options: { fullPage?: boolean } = {}) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: options.fullPage ?? false });

/** Once the colour transitions a theme or width change started have finished (a shot mid-way mixes both themes). */
const settled = (page: Page) => page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished))).catch(() => undefined);

/** The page at a phone's and a desktop's width, light and dark: {name}-{390|1280}-{light|dark}.png. */
export async function shots(page: Page, name: string) {
  for (const width of [390, 1280]) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await settled(page);
      await shot(page, `${name}-${width}-${colorScheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
}

let clients = 0;

/**
 * A new browser context with a freshly signed-up account, on the page `next`. Each context
 * comes from its own client address (X-Forwarded-For, what better-auth's limiter keys on), as
 * separate people would: otherwise the suites' sign-ups together trip the 10-a-minute limit
 * whenever they run within one minute.
 */
export async function signUp(browser: Browser, name: string, email: string, next = "/") {
  clients++;
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${clients}` } });
  const page = await context.newPage();
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(name);
  return page;
}

/** Holds every viewer answer (/api/viewer) the page asks for until the returned function is called: the page as it looks before it knows who is looking. */
export async function holdViewerAnswers(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/viewer?*", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
