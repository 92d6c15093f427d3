import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type APIResponse, type Browser, type BrowserContext, type Page, type Response } from "@playwright/test";
import { childEnv } from "../../lib/env";
import { THEME_SCRIPT } from "../../lib/theme/theme";
import { VIEWER_PAPERS_MAX } from "../../lib/viewer/viewer";
import { E2E_APP_PORT, E2E_AUTH_SECRET, E2E_DATABASE_URL } from "./servers";
import { shots, signUp } from "./support";

// What an attacker tried: security headers on every kind of answer, a Content-Security-Policy
// that lets Next.js's scripts and KaTeX's markup work and nothing injected run, and sign-in and
// sign-up forms that work without JavaScript and never put a password in an address.

type Headers = Record<string, string>;

/** The headers every answer carries, whatever it is (lib/http/security-headers.ts). */
function expectSecurityHeaders(headers: Headers, what: string) {
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  // The test server's APP_URL is http://: no HSTS (a browser ignores it over http anyway).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

const nonceOf = (headers: Headers) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(headers["content-security-policy"] ?? "")?.[1];

/** Every page of the context reports CSP violations into window.__violations, from its first script on. */
async function watchViolations(context: BrowserContext) {
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { __violations: violations });
    document.addEventListener("securitypolicyviolation", (event) =>
      violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`),
    );
  });
}

/** Console errors and uncaught exceptions of a page, as they happen. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    // A 404 page's own status is reported as a failed load; that is the point of it.
    if (message.type() === "error" && !/status of 404/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

const violationsOf = (page: Page) => page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);

/** Opens a page and checks its headers, its nonce on every script, that Next.js's scripts ran, and that nothing was blocked. */
async function openPage(page: Page, url: string, errors: string[], status = 200): Promise<Response> {
  const response = (await page.goto(url))!;
  expect(response.status(), url).toBe(status);
  const headers = response.headers();
  expectSecurityHeaders(headers, url);
  const nonce = nonceOf(headers);
  expect(nonce, `${url}: a nonce in its policy`).toBeTruthy();
  expect(headers["content-security-policy"]).toContain("'strict-dynamic'");
  await page.waitForLoadState("networkidle");
  // Browsers hide the nonce attribute; the property keeps it.
  // All but our one inline script, the theme's, which the policy allows by its hash (lib/theme/theme.ts).
  const scripts = await page.evaluate(() => [...document.scripts].map((script) => ({ nonce: script.nonce, text: script.src ? null : script.text })));
  const nonces = scripts.filter((script) => script.text !== THEME_SCRIPT).map((script) => script.nonce);
  expect(scripts.length - nonces.length, `${url}: the theme script, once`).toBe(1);
  expect(nonces.length, `${url}: Next.js's scripts`).toBeGreaterThan(0);
  expect(new Set(nonces), `${url}: every other script carries the response's nonce`).toEqual(new Set([nonce]));
  // Inline (the RSC payload) and external (the client runtime) scripts both ran: the page hydrated.
  expect(
    await page.evaluate(
      () =>
        Array.isArray((self as unknown as { __next_f?: unknown }).__next_f) &&
        typeof (window as unknown as { next?: { version?: string } }).next?.version === "string",
    ),
    url,
  ).toBe(true);
  expect(await violationsOf(page), url).toEqual([]);
  expect(errors, url).toEqual([]);
  return response;
}

test.describe("Content-Security-Policy and security headers", () => {
  test.beforeEach(async ({ context }) => watchViolations(context));

  test("every kind of page works under the policy, with nothing blocked", async ({ page }) => {
    const errors = collectErrors(page);
    for (const url of [
      "/",
      "/papers/date/2025-12-12",
      "/papers/week/2025-W50",
      "/papers/month/2025-12",
      "/papers/trending",
      "/search?q=mamba",
      "/sign-in",
      "/sign-up",
      "/subscribe",
    ]) {
      await openPage(page, url, errors);
    }
    await expect(page.getByRole("heading", { name: "Trending papers in your inbox" })).toBeVisible();

    // A paper with LaTeX: KaTeX's markup and its inline styles (struts, heights) are in effect.
    await openPage(page, "/papers/2312.00752", errors);
    const formula = page.locator("main .katex").first();
    await expect(formula).toBeVisible();
    expect(await page.locator("main .katex [style]").count()).toBeGreaterThan(0);
    expect(
      await page
        .locator("main .katex .strut")
        .first()
        .evaluate((strut) => parseFloat(getComputedStyle(strut).height)),
    ).toBeGreaterThan(0);
    expect(await formula.evaluate((element) => getComputedStyle(element).fontFamily)).toContain("KaTeX");

    // Markup in a paper's title stays text, and nothing in it runs.
    await openPage(page, "/papers/2301.00001", errors);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();

    await openPage(page, "/no/such/page", errors, 404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    // Client-side navigation from the 404 page still works.
    await page.getByRole("link", { name: "Trending" }).first().click();
    await expect(page).toHaveURL(/\/papers\/trending$/);
    expect(await violationsOf(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("the signed-in pages (submit, upvoted) work under the policy, and an upvote goes through", async ({ browser }) => {
    const page = await signUp(browser, "Policy Reader", `policy-${Date.now()}@example.org`, "/");
    await watchViolations(page.context());
    const errors = collectErrors(page);
    await openPage(page, "/submit", errors);
    await expect(page.getByRole("heading", { name: "Submit a paper" })).toBeVisible();
    await openPage(page, "/papers/upvoted", errors);
    await openPage(page, "/papers/2312.00752", errors);
    const upvote = page.getByRole("button", { name: /upvote/i }).first();
    await upvote.click();
    await expect(upvote).toHaveAttribute("aria-pressed", "true");
    await expect(upvote).toHaveAttribute("aria-busy", "false");
    await upvote.click();
    await expect(upvote).toHaveAttribute("aria-pressed", "false");
    expect(await violationsOf(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("a script injected into a page does not run, and the browser reports it", async ({ page }) => {
    // What an injection would look like, written into a real answer that keeps its headers.
    await page.route("**/papers/trending", async (route) => {
      const response = await route.fetch();
      const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => !["content-encoding", "content-length"].includes(name)));
      const injected = `<script>window.__injected = "inline"</script><img src="/favicon.svg" alt="" onload="window.__injected = 'handler'">`;
      await route.fulfill({ status: response.status(), headers, body: (await response.text()).replace(/<body[^>]*>/, (body) => body + injected) });
    });
    await page.goto("/papers/trending");
    await expect
      .poll(() => violationsOf(page))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem blocked inline/), expect.stringMatching(/^script-src-attr blocked inline/)]));
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  });

  test("a page's nonce is new for every render and matches its scripts, also when the response cache sends it again", async ({ request }) => {
    const nonceInBody = async (response: APIResponse) => [
      ...new Set([...(await response.text()).matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((match) => match[1])),
    ];
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    expect(nonceOf(first.headers())).not.toBe(nonceOf(second.headers()));
    for (const response of [first, second]) expect(await nonceInBody(response)).toEqual([nonceOf(response.headers())]);
    // Signed-out pages are kept whole for up to a minute (lib/http/response-cache.ts): the same
    // nonce again, with the same body, so policy and scripts still agree.
    const home = [await request.get("/"), await request.get("/")];
    for (const response of home) expect(await nonceInBody(response)).toEqual([nonceOf(response.headers())]);
  });

  test("answers that are not pages carry the headers too, with a policy that allows nothing", async ({ page, request }) => {
    await page.goto("/");
    const script = await page.locator("script[src]").first().getAttribute("src");
    const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
    const answers: Array<[string, Promise<APIResponse>, number]> = [
      ["/api/daily_papers", request.get("/api/daily_papers"), 200],
      ["/api/papers?limit=1", request.get("/api/papers?limit=1"), 200],
      ["/api/papers/search?q=mamba", request.get("/api/papers/search?q=mamba"), 200],
      ["/api/papers/9999.99999", request.get("/api/papers/9999.99999"), 404],
      ["/feed.xml", request.get("/feed.xml"), 200],
      ["/papers/trending/feed.atom", request.get("/papers/trending/feed.atom"), 200],
      ["/papers/2312.00752.md", request.get("/papers/2312.00752.md"), 200],
      ["/api/viewer?papers=2312.00752", request.get("/api/viewer?papers=2312.00752"), 200],
      [
        "/api/viewer with too many papers",
        request.get(`/api/viewer?papers=${Array.from({ length: VIEWER_PAPERS_MAX + 1 }, (_, i) => `p${i}`).join(",")}`),
        400,
      ],
      ["HEAD /api/viewer", request.head("/api/viewer"), 200],
      ["POST /api/viewer", request.post("/api/viewer"), 405],
      ["/favicon.svg", request.get("/favicon.svg"), 200],
      [script!, request.get(script!), 200],
      [stylesheet!, request.get(stylesheet!), 200],
      ["/_next/static/no-such-file.js", request.get("/_next/static/no-such-file.js"), 404],
      ["/papers/%E0%A4%A", request.get("/papers/%E0%A4%A"), 400],
      ["/api/unsubscribe (GET)", request.get("/api/unsubscribe?token=x", { maxRedirects: 0 }), 303],
      [
        "/api/session/sign-in from another site",
        request.post("/api/session/sign-in", { form: { email: "a@example.org", password: "x" }, headers: { origin: "https://evil.example" } }),
        403,
      ],
    ];
    for (const [what, pending, status] of answers) {
      const response = await pending;
      expect(response.status(), what).toBe(status);
      expectSecurityHeaders(response.headers(), what);
    }
    const feed = (await request.get("/feed.xml")).headers();
    expect(feed["content-security-policy"]).toContain("default-src 'none'");
    expect((await request.get("/api/daily_papers")).headers()["content-security-policy"]).toContain("default-src 'none'");
  });

  test("the feed and the JSON API open in the browser without violations", async ({ page }) => {
    const errors = collectErrors(page);
    for (const url of ["/feed.xml", "/api/daily_papers"]) {
      const response = (await page.goto(url))!;
      expect(response.status()).toBe(200);
      expectSecurityHeaders(response.headers(), url);
      expect(await violationsOf(page), url).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
});

test.describe("sign-in and sign-up without JavaScript", () => {
  let client = 200;
  /** A browser with JavaScript off (as before the page's script loads), from an address of its own (the sign-in limits count per address). */
  async function noScriptPage(browser: Browser) {
    client++;
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${client}` } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    return { page, requests };
  }

  test("sign up, sign in with a wrong then the right password: no address ever holds the password or the email", async ({ browser }) => {
    const email = `no-script-${Date.now()}@example.org`;
    const password = "a password only in bodies";
    const first = await noScriptPage(browser);
    await first.page.goto("/sign-up?next=%2Fpapers%2F2312.00752");
    const form = first.page.locator("form", { has: first.page.getByLabel("Password") });
    await expect(form).toHaveAttribute("method", "post");
    await expect(form).toHaveAttribute("action", "/api/session/sign-up");
    await first.page.getByLabel("Name").fill("Noscript Reader");
    await first.page.getByLabel("Email").fill(email);
    await first.page.getByLabel("Password").fill(password);
    const [post] = await Promise.all([
      first.page.waitForRequest((request) => request.method() === "POST"),
      first.page.getByRole("button", { name: "Sign up" }).click(),
    ]);
    expect(post.postData()).toContain("password=a+password+only+in+bodies");
    await expect(first.page).toHaveURL(/\/papers\/2312\.00752$/);
    // Signed in (the header's name is an island, which needs JavaScript; the session is there).
    expect((await (await first.page.request.get("/api/viewer")).json()).user).toMatchObject({ name: "Noscript Reader" });

    const second = await noScriptPage(browser);
    await second.page.goto("/sign-in?next=%2Fpapers%2Ftrending");
    await second.page.getByLabel("Email").fill(email);
    await second.page.getByLabel("Password").fill("not the password");
    await second.page.getByRole("button", { name: "Sign in" }).click();
    await expect(second.page).toHaveURL(/\/sign-in\?error=credentials&next=%2Fpapers%2Ftrending$/);
    await expect(second.page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
    // The email typed is kept (in a short-lived cookie, not the address); the password is not.
    await expect(second.page.getByLabel("Email")).toHaveValue(email);
    await expect(second.page.getByLabel("Password")).toHaveValue("");
    await shots(second.page, "50-sign-in-error");

    await second.page.getByLabel("Password").fill(password);
    await second.page.getByRole("button", { name: "Sign in" }).click();
    await expect(second.page).toHaveURL(/\/papers\/trending$/);
    expect((await (await second.page.request.get("/api/viewer")).json()).user).toMatchObject({ name: "Noscript Reader" });

    for (const request of [...first.requests, ...second.requests]) {
      expect(request).not.toMatch(/password/i);
      expect(request).not.toContain(encodeURIComponent(email));
      expect(request).not.toContain(email);
    }
    await Promise.all([first.page.context().close(), second.page.context().close()]);
  });

  test("signing up twice with one email says so; a redirect to another site is refused", async ({ browser }) => {
    const email = `twice-${Date.now()}@example.org`;
    const { page } = await noScriptPage(browser);
    for (const attempt of [1, 2]) {
      await page.context().clearCookies();
      await page.goto(`/sign-up?next=${encodeURIComponent("/\t/evil.example")}`);
      await page.getByLabel("Name").fill("Twice");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("a long enough password");
      await page.getByRole("button", { name: "Sign up" }).click();
      if (attempt === 1) {
        // "/\t/evil.example" would be "//evil.example" to the browser: it goes home instead.
        await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      } else {
        await expect(page).toHaveURL(/\/sign-up\?error=exists$/);
        await expect(page.getByRole("main").getByRole("alert")).toContainText("There is already an account with this email");
        await expect(page.getByLabel("Name")).toHaveValue("Twice");
      }
    }
    await page.context().close();
  });
});

test.describe("configured otherwise: behind https (APP_URL=https://…), without email", () => {
  // The same build, started with a public https address (the proxy reads APP_URL when it runs)
  // and no SMTP_URL.
  const port = E2E_APP_PORT + 4;
  let server: ChildProcess;

  test.beforeAll(async () => {
    server = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(port)], {
      env: childEnv({ DATABASE_URL: E2E_DATABASE_URL, BETTER_AUTH_SECRET: E2E_AUTH_SECRET, APP_URL: "https://papers.example.org" }),
      stdio: "ignore",
    });
    for (let attempt = 0; attempt < 150; attempt++) {
      if (
        await fetch(`http://127.0.0.1:${port}/api/papers?limit=1`).then(
          (response) => response.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the https-configured server did not start");
  });
  test.afterAll(() => {
    server.kill();
  });

  test("pages send HSTS and upgrade insecure requests", async ({ request }) => {
    for (const url of ["/", "/sign-in", "/no/such/page"]) {
      const headers = (await request.get(`http://127.0.0.1:${port}${url}`)).headers();
      expect(headers["strict-transport-security"], url).toBe("max-age=63072000");
      expect(headers["content-security-policy"], url).toContain("upgrade-insecure-requests");
      expect(headers["content-security-policy"], url).toContain("'nonce-");
    }
  });

  test("a server that sends no email offers no subscription, and says why at its address", async ({ page }) => {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.getByRole("heading", { name: "Daily Papers", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Trending" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Subscribe" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Subscribe to the digest" })).toHaveCount(0);
    await page.goto(`http://127.0.0.1:${port}/subscribe`);
    await expect(page.getByRole("status")).toContainText("This server sends no email");
    await expect(page.getByRole("form", { name: "Subscribe to the digest" })).toHaveCount(0);
  });
});
