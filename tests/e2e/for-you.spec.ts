import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { startServer, type BenchServer } from "../../bench/server";
import { childEnv } from "../../lib/env";
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from "../support/throwaway-postgres";
import { topicalPapers } from "../support/topical-papers";
import { axeViolations, shots, signUp } from "./support";

// Issue 16: a new reader upvotes a handful of papers on one topic, opens For you and finds that
// topic first, marks one "not interested" and sees it go; on both databases. Each engine gets a
// server of its own with the two-topic corpus (tests/support/topical-papers.ts) ingested first,
// dated in 2019 so nothing else in it is newer.

const MONTH = "2019-01";
const corpus = topicalPapers(Date.UTC(2019, 0, 1));
const physics = [...corpus.topicOf].filter(([, topic]) => topic === "physics").map(([id]) => id);
/** The topic of each card on the page, in order. */
const topicsShown = async (page: Page) =>
  (await page.locator("main article").evaluateAll((cards) => cards.map((card) => card.id.replace(/^paper-/, "")))).map((id) => corpus.topicOf.get(id));

test.describe.configure({ mode: "serial" });

for (const engine of ["SQLite", "PostgreSQL"] as const) {
  test.describe(`on ${engine}`, () => {
    let folder: string;
    let postgres: ThrowawayPostgres | undefined;
    let server: BenchServer | undefined;

    test.beforeAll(async () => {
      test.setTimeout(240_000);
      folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-for-you-"));
      let databaseUrl = `file:${path.join(folder, "papers.db")}`;
      if (engine === "PostgreSQL") {
        const binaries = findPostgresBinaries();
        if (!binaries) throw new Error("No PostgreSQL server binaries (apt-get install -y postgresql): For you is tested on both databases.");
        postgres = await startThrowawayPostgres(binaries);
        databaseUrl = postgres.url;
      }
      const file = path.join(folder, "topical.jsonl");
      fs.writeFileSync(file, corpus.lines);
      // As an operator would: `npm run ingest` (which migrates an empty database), then `npm start`.
      await promisify(execFile)(process.execPath, ["--import", "tsx", "lib/ingest/cli.ts", file], { env: childEnv({ DATABASE_URL: databaseUrl }) });
      server = await startServer({ databaseUrl, logFile: path.join(folder, "server.log"), env: { TRUSTED_PROXIES: "loopback" } });
    });

    test.afterAll(() => {
      server?.stop();
      postgres?.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    });

    test("a reader's upvotes on one topic put that topic first; 'not interested' takes a paper away", async ({ browser }) => {
      test.setTimeout(90_000);
      const stamp = Date.now();
      const page = await signUp(browser, `Chien-Shiung Wu ${stamp}`, `wu-${stamp}@example.org`, `/papers/for-you?month=${MONTH}`, { baseURL: server!.origin });
      await expect(page.getByRole("heading", { level: 1, name: "For you" })).toBeVisible();
      await expect(page.getByRole("status")).toContainText("Upvote 3 more papers");

      // Four physics papers, each from its own page, as a reader would.
      for (const id of physics.slice(0, 4)) {
        await page.goto(`/papers/${id}`);
        await page.getByRole("button", { name: /upvotes?, upvote$/ }).click();
        await expect(page.getByRole("button", { name: /remove upvote$/ })).toHaveAttribute("aria-busy", "false");
      }
      // The account menu leads there; the month of these papers is one tab away.
      await page.goto(`/papers/for-you?month=${MONTH}`);
      const shown = await topicsShown(page);
      expect(shown.length).toBeGreaterThanOrEqual(20);
      expect(shown.slice(0, 10)).toEqual(Array(10).fill("physics"));
      const first = page.locator("main li").first();
      await expect(first.getByText(/^Like /)).toBeVisible();
      await expect(first).toContainText(/ · about \w+/);
      expect(await axeViolations(page)).toEqual([]);
      await shots(page, `90-for-you-${engine.toLowerCase()}`);

      const firstId = (await first.locator("article").getAttribute("id"))!.replace(/^paper-/, "");
      await first.getByRole("button", { name: /^Not interested in/ }).click();
      await expect(page.getByRole("status").filter({ hasText: "not interested" })).toBeVisible();
      await shots(page, `91-for-you-not-interested-${engine.toLowerCase()}`);
      await page.reload();
      await expect(page.locator(`main article#paper-${firstId.replace(".", "\\.")}`)).toHaveCount(0);
      expect((await topicsShown(page)).slice(0, 10)).toEqual(Array(10).fill("physics"));

      // For scripts, the same order; signed out, 401.
      const api = await page.request.get(`/api/papers/for-you?month=${MONTH}&limit=5`);
      expect(api.headers()["cache-control"]).toBe("private, no-store");
      const entries = (await api.json()) as Array<{ paper: { id: string } }>;
      expect(entries.map((entry) => corpus.topicOf.get(entry.paper.id))).toEqual(Array(5).fill("physics"));
      expect(entries.map((entry) => entry.paper.id)).not.toContain(firstId);
      expect((await page.request.get(`/api/daily_papers?month=${MONTH}&sort=for-you&limit=5`)).status()).toBe(200);
      const visitor = await browser.newContext({ baseURL: server!.origin });
      const refused = await visitor.request.get("/api/papers/for-you");
      expect(refused.status()).toBe(401);
      expect((await refused.json()).error).toBe("Sign in first.");
      await visitor.close();
      await page.context().close();
    });
  });
}
