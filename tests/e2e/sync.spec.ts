import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { SHOWN_SESSION_SECONDS } from "../../lib/auth/session";
import { openDatabase } from "../../lib/db/database";
import { hfEntry, startSyncStandIn, type SyncStandIn } from "../support/sync-stand-in";
import { E2E_DATABASE_URL } from "./servers";
import { axeViolations, openChanged, shots, signUp } from "./support";

const TODAY = new Date().toISOString().slice(0, 10);
const IDS = ["2612.90001", "2612.90002"];
let standIn: SyncStandIn;

test.beforeAll(async () => {
  standIn = await startSyncStandIn();
  standIn.days.set(TODAY, [hfEntry(TODAY, 0, IDS[0]!), hfEntry(TODAY, 1, IDS[1]!)]);
});

test.afterAll(async () => {
  await standIn.stop();
  // Leave the shared database as the other suites expect it.
  const db = openDatabase(E2E_DATABASE_URL);
  await db.prisma.paper.deleteMany({ where: { id: { in: IDS } } });
  await db.close();
});

/** `npm run sync` against the app's database and the stand-in, as a person or cron would run it. */
async function sync(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "lib/sync/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, HF_API_URL: standIn.hfUrl, SYNC_SOURCES: "hf" },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

test("a sync brings today's papers to the home page, and an admin sees what it did and what failed", async ({ browser, page }) => {
  // Four command-line runs (each starts tsx, a few seconds on a busy machine) and two sign-ups.
  test.setTimeout(90_000);
  const first = await sync("--days", "1");
  expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining(`hf ${TODAY}: 2 new, 0 updated, 0 unchanged`) });
  expect((await sync("--days", "1")).stdout).toContain("Nothing changed: the database was already up to date.");

  await openChanged(page, "/", () => expect(page.locator("article", { hasText: `Synced paper ${IDS[0]}` })).toBeVisible({ timeout: 1_000 }));
  await expect(page.getByText(/^Updated .* UTC$/)).toBeVisible();

  // The status is for admins only, on the page and over HTTP.
  expect((await page.request.get("/api/sync/status")).status()).toBe(401);
  const reader = await signUp(browser, "Sync Reader", `sync-reader-${Date.now()}@example.org`, "/admin/sync");
  await expect(reader.locator("main").getByRole("alert")).toContainText("Only admins can see the sync status");
  expect((await reader.request.get("/api/sync/status")).status()).toBe(403);

  const email = `sync-admin-${Date.now()}@example.org`;
  const admin = await signUp(browser, "Sync Admin", email, "/");
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/admin.ts", "grant", email], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
  });
  await new Promise((resolve) => setTimeout(resolve, SHOWN_SESSION_SECONDS * 1_000));
  // An admin finds the page in the account menu.
  await admin.reload();
  await admin.getByRole("navigation", { name: "Account" }).getByText("Sync Admin").click();
  await admin.getByRole("link", { name: "Sync status" }).click();
  await expect(admin).toHaveURL(/\/admin\/sync$/);
  const hf = admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { name: "hf" }) });
  await expect(hf).toContainText("ok");
  await expect(hf.locator("dd").first()).toHaveText("0");

  // Hugging Face fails today's list: the run says so, exits 1, and the admin sees why.
  standIn.faults.push({ match: (url) => url.searchParams.get("date") === TODAY, kind: "503", times: Infinity, retryAfter: 0 });
  const failing = await sync("--days", "1");
  expect(failing.code).toBe(1);
  expect(failing.stdout).toContain(`hf ${TODAY}: FAILED`);
  await admin.reload();
  await expect(hf).toContainText("failed");
  await expect(hf).toContainText(`${TODAY}: `);
  await expect(hf).toContainText("HTTP 503");
  for (const colorScheme of ["light", "dark"] as const) {
    await admin.emulateMedia({ colorScheme });
    expect(await axeViolations(admin)).toEqual([]);
  }
  await shots(admin, "70-sync-status");
  const status = await (await admin.request.get("/api/sync/status")).json();
  expect(status.sources[0]).toMatchObject({ source: "hf", status: "failed", failures: [expect.objectContaining({ what: TODAY })] });
  expect(status.lastUpdatedAt).not.toBeNull();
});
