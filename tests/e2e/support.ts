import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

const SHOTS = path.join(import.meta.dirname, "screenshots");

/** Saves what the page shows as tests/e2e/screenshots/{name}.png, to be looked at. */
export const shot = (page: Page, name: string, options: { fullPage?: boolean } = {}) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: options.fullPage ?? false });

/** Once the colour transitions a theme or width change started have finished (a shot mid-way mixes both themes). */
// The style is read first: a theme change starts its transitions only when the browser next computes styles.
const settled = (page: Page) =>
  page
    .evaluate(() => {
      for (const element of document.querySelectorAll("*")) void getComputedStyle(element).color;
      return Promise.all(document.getAnimations().map((animation) => animation.finished));
    })
    .catch(() => undefined);

/**
 * The page at a phone's and a desktop's width, light and dark: {name}-{390|1280}-{light|dark}.png;
 * with `showing`, scrolled to that part at each width (a narrower page is longer).
 */
export async function shots(page: Page, name: string, showing?: Locator) {
  for (const width of [390, 1280]) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 800 });
      await showing?.scrollIntoViewIfNeeded();
      await page.emulateMedia({ colorScheme });
      await settled(page);
      await shot(page, `${name}-${width}-${colorScheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
}

/**
 * Opens a page that someone else (another reader, an ingest, a sync) has just changed. The
 * first answer after a change may be the page's copy from before it, served while the page
 * renders again behind it (lib/http/response-cache.ts), so this loads the page again until
 * `shows` holds: within one render, as every reader sees it.
 */
export async function openChanged(page: Page, url: string, shows: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await shows();
  }).toPass({ timeout: 15_000 });
}

let clients = 0;

/**
 * A new browser context with a freshly signed-up account, on the page `next`. Each context
 * comes from its own client address (X-Forwarded-For, what better-auth's limiter keys on), as
 * separate people would: otherwise the suites' sign-ups together trip the 10-a-minute limit
 * whenever they run within one minute. `baseURL`: a server of the test's own, not the suite's.
 */
export async function signUp(browser: Browser, name: string, email: string, next = "/", options: { baseURL?: string } = {}) {
  clients++;
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${clients}` }, ...options });
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

/** The violations on the page as it is now, one line each, for a message that says what to fix. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Once the viewer answer is in: the islands are part of what a reader sees.
  await expect(page.locator("[aria-busy='true'], [data-viewer='unknown']")).toHaveCount(0);
  // The tagged rules, and label-content-name-mismatch (WCAG 2.5.3), which axe keeps among its experimental ones.
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"]).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")} — ${node.failureSummary?.split("\n")[1]?.trim()}`),
  );
}
