import { expect, test, type Page } from "@playwright/test";
import { axeViolations, signUp } from "./support";

// axe-core on every kind of page, light and dark, signed out and in, at a phone's and a
// desktop's width: no violation of WCAG 2.2 A/AA (or axe's best practices) is accepted.

const PAGES = [
  "/",
  "/papers/date/2025-12-12",
  "/papers/week/2025-W50",
  "/papers/month/2025-12",
  "/papers/trending",
  "/papers/2312.00752",
  "/papers/2301.00002",
  "/search?q=mamba",
  "/search?q=zzzzqqq",
  "/sign-in",
  "/sign-up",
  "/subscribe",
  "/no/such/page",
];
const SIGNED_IN_PAGES = ["/", "/papers/2312.00752", "/papers/upvoted", "/papers/for-you", "/submit", "/search?q=mamba"];

async function expectNoViolations(page: Page, paths: string[], who: string, width: number) {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme });
    for (const path of paths) {
      await page.goto(path);
      for (const line of await axeViolations(page)) found.push(`${who} ${width}px ${colorScheme} ${path}: ${line}`);
    }
  }
  expect(found).toEqual([]);
}

// A test per width: each runs axe some 26 times, at a few seconds each on a loaded machine.
for (const width of [390, 1280]) {
  test(`no page has an accessibility violation, signed out, at ${width} px`, async ({ page }) => {
    test.setTimeout(180_000);
    await expectNoViolations(page, PAGES, "signed out", width);
  });

  test(`no page has an accessibility violation, signed in, at ${width} px`, async ({ browser }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    const page = await signUp(browser, `Axe Reader ${stamp}`, `axe-${stamp}@example.org`);
    await expectNoViolations(page, SIGNED_IN_PAGES, "signed in", width);
  });
}
