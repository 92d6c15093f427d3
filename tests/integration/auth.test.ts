import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "../../app/api/auth/[...all]/route";
import { POST as paperPost } from "../../app/api/papers/[...id]/route";
import { GET as searchGet } from "../../app/api/papers/search/route";
import { parseAdminCommandLine, runAdminCommand } from "../../lib/auth/admin-command";
import { getSessionUser, getShownSessionUser, SHOWN_SESSION_SECONDS } from "../../lib/auth/session";
import { CLIENT_ADDRESS_HEADER, normalizeForwardedHeaders, proxyTrust } from "../../lib/http/client-address";
import { ingestFromSource } from "../../lib/ingest/run";
import { LIMITS } from "../../lib/rate-limit/limits";
import { viewerResponse } from "../../lib/viewer/viewer-response";
import { SAMPLE_FILE } from "../../prisma/seed";
import { useAppDatabase } from "../support/app-database";
import { providers } from "../support/databases";

const ROOT = path.join(import.meta.dirname, "..", "..");
const ORIGIN = "http://papers.test";
const PAPER = "vidla-video-language-alignment-at-scale";
const PASSWORD = "correct horse battery";

let addresses = 0;
/** A client address of its own, as the server would put on a request (each sign-up is limited per address). */
const freshAddress = () => `198.51.100.${++addresses}`;

/** A request as it reaches the route once the server has resolved its client address. */
function authRequest(route: string, options: { body?: unknown; address?: string; headers?: Record<string, string>; method?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.address) headers[CLIENT_ADDRESS_HEADER] = options.address;
  return new Request(`${ORIGIN}/api/auth${route}`, {
    method: options.method ?? "POST",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

const sessionCookie = (response: Response) => /better-auth\.session_token=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0] ?? null;

async function signUp(email: string, extra: Record<string, unknown> = {}) {
  const response = await authPost(authRequest("/sign-up/email", { body: { email, password: PASSWORD, name: "Reader", ...extra }, address: freshAddress() }));
  return { response, cookie: sessionCookie(response) };
}

/** `npm run admin -- …` against a database, as a separate process. */
async function adminCommand(databaseUrl: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/admin.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, ADMIN_EMAILS: "boss@example.org" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The same command in this process (quicker), for what does not need an exit status of its own. */
async function adminInProcess(databaseUrl: string, ...args: string[]) {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  const out = { stdout: "", stderr: "" };
  try {
    const code = await runAdminCommand(parseAdminCommandLine(args)!, { stdout: (text) => (out.stdout += text), stderr: (text) => (out.stderr += text) });
    return { code, ...out };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

const hide = (cookie: string) =>
  paperPost(new Request(`${ORIGIN}/api/papers/${PAPER}/hidden`, { method: "POST", headers: { cookie } }), {
    params: Promise.resolve({ id: [PAPER, "hidden"] }),
  });

describe.each(providers())("accounts, admins and limits over HTTP on $name", (provider) => {
  const app = useAppDatabase(provider, async (db) => {
    await ingestFromSource(db, { source: SAMPLE_FILE });
  });
  const saved = { ADMIN_EMAILS: process.env.ADMIN_EMAILS, BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET, APP_URL: process.env.APP_URL };
  beforeAll(() => {
    process.env.ADMIN_EMAILS = "boss@example.org";
    process.env.BETTER_AUTH_SECRET = "integration-tests-only-secret-0123456789abcdef";
    delete process.env.APP_URL;
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("does not make an ADMIN_EMAILS address an admin for signing up with it, nor for asking for the role", async () => {
    const { response, cookie } = await signUp("Boss@Example.org", { role: "admin" });
    // better-auth refuses a field it does not take from the client, or ignores it; either way no admin.
    if (response.status === 200) {
      expect(await getSessionUser(new Headers({ cookie: cookie! }))).toMatchObject({ email: "boss@example.org", isAdmin: false });
    } else {
      const retry = await signUp("boss@example.org");
      expect(retry.response.status).toBe(200);
      expect(await getSessionUser(new Headers({ cookie: retry.cookie! }))).toMatchObject({ isAdmin: false });
    }
    const account = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "boss@example.org" } });
    expect(account).toMatchObject({ role: "user", emailVerified: false });
  });

  it("makes an admin only by `npm run admin -- grant`, and takes it back with revoke", async () => {
    const { cookie } = await signIn("boss@example.org");
    expect((await hide(cookie)).status).toBe(403);

    const granted = await adminCommand(app.db.url, "grant", "BOSS@example.org");
    expect(granted).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^boss@example\.org \(“Reader”, signed up \d{4}-\d\d-\d\d\) is now an admin\.\n$/),
    });
    expect((await getSessionUser(new Headers({ cookie })))?.isAdmin).toBe(true);
    const hidden = await hide(cookie);
    expect(hidden.status).toBe(200);
    expect((await app.db.prisma.paper.findUniqueOrThrow({ where: { id: PAPER } })).hidden).toBe(true);
    expect(await adminInProcess(app.db.url, "grant", "boss@example.org")).toMatchObject({
      code: 0,
      stdout: "boss@example.org is already an admin; nothing changed.\n",
    });
    expect((await adminInProcess(app.db.url, "list")).stdout).toMatch(/^boss@example\.org \(“Reader”, signed up [\d-]+\)\n$/);

    expect(await adminCommand(app.db.url, "revoke", "boss@example.org")).toMatchObject({ code: 0, stdout: "boss@example.org is no longer an admin.\n" });
    expect((await getSessionUser(new Headers({ cookie })))?.isAdmin).toBe(false);
    expect((await hide(cookie)).status).toBe(403);
    expect(await adminInProcess(app.db.url, "revoke", "boss@example.org")).toMatchObject({
      code: 0,
      stdout: "boss@example.org was not an admin; nothing changed.\n",
    });
    expect((await adminInProcess(app.db.url, "list")).stdout).toBe(
      "No admins yet. Make one with: npm run admin -- grant EMAIL\nADMIN_EMAILS lists boss@example.org, which is not an admin: that account's email is not verified.\n",
    );
  });

  it("shows a session's account from what it found last, while acting asks the database every time", async () => {
    const { cookie } = await signUp(`shown-${randomUUID()}@example.org`);
    const headers = new Headers({ cookie: `theme=dark; ${cookie!}` });
    expect((await getShownSessionUser(headers)).user).toMatchObject({ name: "Reader", isAdmin: false });
    const { email } = (await getSessionUser(headers))!;
    expect((await adminInProcess(app.db.url, "grant", email)).code).toBe(0);
    // Within SHOWN_SESSION_SECONDS the page may still show the account as it was; a write may not.
    expect(await getSessionUser(headers)).toMatchObject({ isAdmin: true });
    expect((await getShownSessionUser(headers)).user).toMatchObject({ isAdmin: false });
    // Signed out, the browser sends no session cookie, and nobody is shown.
    expect((await getShownSessionUser(new Headers({ cookie: "theme=dark" }))).user).toBeNull();
    expect((await getShownSessionUser(new Headers())).user).toBeNull();
    // A made-up or altered token is nobody, the first time and every time after.
    const altered = cookie!.replace(/.(;|$)/, (last) => (last[0] === "A" ? "B" : "A") + last.slice(1));
    for (const forged of ["better-auth.session_token=made-up.signature", altered]) {
      expect((await getShownSessionUser(new Headers({ cookie: forged }))).user).toBeNull();
      expect((await getShownSessionUser(new Headers({ cookie: forged }))).user).toBeNull();
    }
  });

  it("extends a session in daily use and sends its cookie again through the viewer answer, once a day", async () => {
    const { cookie } = await signUp(`daily-${randomUUID()}@example.org`);
    const viewer = () => viewerResponse(new Request(`${ORIGIN}/api/viewer?papers=${PAPER}`, { headers: { cookie: cookie! } }));
    // Fresh from sign-in: nothing to extend.
    expect((await viewer()).headers.getSetCookie()).toEqual([]);
    // A day and more of use later (better-auth's updateAge): the session is extended to 30 days
    // from now, and the browser is told, or its cookie would lapse 30 days after sign-in.
    const token = decodeURIComponent(cookie!.split("=")[1]!).split(".")[0]!;
    const aged = new Date(Date.now() + 28 * 86_400_000);
    await app.db.prisma.session.update({ where: { token }, data: { expiresAt: aged } });
    await new Promise((resolve) => setTimeout(resolve, SHOWN_SESSION_SECONDS * 1_000));
    const refreshed = await viewer();
    expect((await refreshed.json()) as { user: { name: string } }).toMatchObject({ user: { name: "Reader" } });
    const sent = refreshed.headers.getSetCookie().find((value) => value.startsWith("better-auth.session_token="));
    expect(sent).toMatch(/Max-Age=2592000/);
    expect(sent).toMatch(/HttpOnly/i);
    const { expiresAt } = await app.db.prisma.session.findUniqueOrThrow({ where: { token } });
    expect(expiresAt.getTime()).toBeGreaterThan(aged.getTime() + 86_400_000 / 2);
    expect(refreshed.headers.get("cache-control")).toBe("private, no-store");
  });

  it("says clearly when the account does not exist or the command line is wrong", async () => {
    expect(await adminCommand(app.db.url, "grant", "nobody@example.org")).toMatchObject({
      code: 1,
      stdout: "",
      stderr: "No account has the email nobody@example.org. Sign up with it first, then run this again.\n",
    });
    const wrong = await adminCommand(app.db.url, "promote", "boss@example.org");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Unknown command "promote": grant, revoke or list.');
    expect(wrong.stderr).toContain("Usage: npm run admin -- grant EMAIL | revoke EMAIL | list");
    expect(() => parseAdminCommandLine(["grant"])).toThrow("grant takes one email address.");
    expect(() => parseAdminCommandLine(["grant", "not-an-email"])).toThrow('"not-an-email" is not an email address.');
  });

  it("honours ADMIN_EMAILS for a verified address only, and says so when revoking", async () => {
    await app.db.prisma.user.update({ where: { email: "boss@example.org" }, data: { emailVerified: true } });
    const { cookie } = await signIn("boss@example.org");
    expect((await getSessionUser(new Headers({ cookie })))?.isAdmin).toBe(true);
    await adminInProcess(app.db.url, "grant", "boss@example.org");
    const revoked = await adminInProcess(app.db.url, "revoke", "boss@example.org");
    expect(revoked).toMatchObject({ code: 1, stderr: expect.stringContaining("still an admin: its verified email is in ADMIN_EMAILS") });
    await app.db.prisma.user.update({ where: { email: "boss@example.org" }, data: { emailVerified: false } });
  });

  async function signIn(email: string) {
    const response = await authPost(authRequest("/sign-in/email", { body: { email, password: PASSWORD }, address: freshAddress() }));
    expect(response.status).toBe(200);
    return { cookie: sessionCookie(response)! };
  }

  it("limits sign-in attempts per client address however X-Forwarded-For is forged", async () => {
    // What the production server does to each request before Next.js (scripts/serve-app.ts).
    const trust = proxyTrust(["loopback"]);
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let attempt = 0; attempt < 12; attempt++) {
      const incoming = {
        socket: { remoteAddress: "203.0.113.66" },
        headers: { "content-type": "application/json", "x-forwarded-for": `10.9.${attempt}.1`, [CLIENT_ADDRESS_HEADER]: `10.8.${attempt}.1` } as Record<
          string,
          string | undefined
        >,
      };
      normalizeForwardedHeaders(incoming, trust);
      last = await authPost(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: "POST",
          headers: incoming.headers as Record<string, string>,
          body: JSON.stringify({ email: `guess-${attempt}@example.org`, password: "not the password" }),
        }),
      );
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(last!.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await last!.json()).message).toMatch(/^Too many sign-in attempts \(10 a minute from one address\); try again in (\d+ seconds?|1 minute)\.$/);
  });

  it("limits sign-in attempts at one account across many addresses", async () => {
    const email = `target-${randomUUID()}@example.org`;
    expect((await signUp(email)).response.status).toBe(200);
    const { points } = LIMITS["sign-in"].account;
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= points; attempt++) {
      const response = await authPost(
        authRequest("/sign-in/email", { body: { email: email.toUpperCase(), password: `guess number ${attempt}` }, address: freshAddress() }),
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, points).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The right password from a new address waits too: the account's guesses are used up.
    expect((await authPost(authRequest("/sign-in/email", { body: { email, password: PASSWORD }, address: freshAddress() }))).status).toBe(429);
  });

  it("limits sign-ups per address, and records the server's address on the session, not X-Forwarded-For", async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let index = 0; index < 11; index++) {
      const response = await authPost(
        authRequest("/sign-up/email", {
          body: { email: `many-${index}-${randomUUID()}@example.org`, password: PASSWORD, name: "Many" },
          address,
          headers: { "x-forwarded-for": `192.0.2.${index}` },
        }),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
    const sessions = await app.db.prisma.session.findMany({ where: { user: { name: "Many" } }, select: { ipAddress: true } });
    expect(new Set(sessions.map((session) => session.ipAddress))).toEqual(new Set([address]));
  });

  it("refuses bodies over 16 KB before reading them, declared or not", async () => {
    const big = { email: `big-${randomUUID()}@example.org`, password: PASSWORD, name: "x".repeat(9 * 1024 * 1024) };
    const declared = await authPost(authRequest("/sign-up/email", { body: big, address: freshAddress() }));
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(4096).fill(120));
      },
    });
    const chunked = await authPost(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: freshAddress() },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect(await app.db.prisma.user.count({ where: { email: big.email } })).toBe(0);
  });

  it.each([
    ["a 101-character name", { name: "n".repeat(101) }, /Names are limited to 100 characters; this one has 101/],
    ["a blank name", { name: "   " }, /Enter a name/],
    ["a name with a line break", { name: "Ada\nLovelace" }, /one line of text/],
    ["a 255-character email", { email: `${"e".repeat(243)}@example.org` }, /./],
  ])("refuses %s at sign-up and stores nothing", async (_label, fields, message) => {
    const email = `fields-${randomUUID()}@example.org`;
    const response = await authPost(authRequest("/sign-up/email", { body: { email, password: PASSWORD, name: "Fine", ...fields }, address: freshAddress() }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await response.json()).message).toMatch(message);
    expect(await app.db.prisma.user.count({ where: { email: { in: [email, (fields as { email?: string }).email ?? ""] } } })).toBe(0);
  });

  it("accepts a 100-character name, and refuses a long one through update-user too", async () => {
    const email = `named-${randomUUID()}@example.org`;
    const { response, cookie } = await signUp(email, { name: "m".repeat(100) });
    expect(response.status).toBe(200);
    const update = await authPost(
      authRequest("/update-user", { body: { name: "z".repeat(5_000) }, headers: { cookie: cookie!, origin: ORIGIN }, address: freshAddress() }),
    );
    expect(update.status).toBe(400);
    expect((await app.db.prisma.user.findUniqueOrThrow({ where: { email } })).name).toBe("m".repeat(100));
    const promote = await authPost(
      authRequest("/update-user", { body: { role: "admin" }, headers: { cookie: cookie!, origin: ORIGIN }, address: freshAddress() }),
    );
    expect(promote.status).toBeGreaterThanOrEqual(400);
    expect(await getSessionUser(new Headers({ cookie: cookie! }))).toMatchObject({ isAdmin: false });
  });

  it("does not serve the admin plugin's routes", async () => {
    const { cookie } = await signUp(`plain-${randomUUID()}@example.org`);
    for (const route of ["/admin/list-users", "/admin/set-role", "/admin/impersonate-user"]) {
      const response =
        route === "/admin/list-users"
          ? await authGet(authRequest(route, { method: "GET", headers: { cookie: cookie! } }))
          : await authPost(authRequest(route, { body: {}, headers: { cookie: cookie! } }));
      expect(response.status, route).toBe(404);
    }
  });

  it("answers too many upvotes and searches with 429 and Retry-After", async () => {
    const { cookie } = await signUp(`voter-${randomUUID()}@example.org`);
    const vote = () =>
      paperPost(new Request(`${ORIGIN}/api/papers/${PAPER}/upvote`, { method: "POST", headers: { cookie: cookie!, [CLIENT_ADDRESS_HEADER]: "192.0.2.200" } }), {
        params: Promise.resolve({ id: [PAPER, "upvote"] }),
      });
    const votes = await Promise.all(Array.from({ length: LIMITS.upvote.account.points + 3 }, vote));
    expect(votes.filter((response) => response.status === 200)).toHaveLength(LIMITS.upvote.account.points);
    const refused = votes.find((response) => response.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatch(/^Too many votes \(60 a minute per account\); try again in/);

    const search = () => searchGet(new Request(`${ORIGIN}/api/papers/search?q=video`, { headers: { [CLIENT_ADDRESS_HEADER]: "192.0.2.201" } }));
    const searches = await Promise.all(Array.from({ length: LIMITS.search.address.points + 2 }, search));
    expect(searches.filter((response) => response.status === 200)).toHaveLength(LIMITS.search.address.points);
    const limited = searches.find((response) => response.status === 429)!;
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    // Another client searches on.
    expect((await searchGet(new Request(`${ORIGIN}/api/papers/search?q=video`, { headers: { [CLIENT_ADDRESS_HEADER]: "192.0.2.202" } }))).status).toBe(200);
  });
});
