import os from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { arxivSource, ARXIV_POLICY } from "../../lib/sync/arxiv-source";
import { hfSource } from "../../lib/sync/hf-source";
import { takeSyncLease, isLease } from "../../lib/sync/lease";
import type { PolitePolicy } from "../../lib/sync/polite-fetch";
import { formatSyncReport } from "../../lib/sync/report";
import { runSync, type SyncOptions } from "../../lib/sync/run-sync";
import { syncStatus } from "../../lib/sync/status";
import { providers, type TestDatabase } from "../support/databases";
import { hfEntry, startSyncStandIn, type SyncStandIn } from "../support/sync-stand-in";

// Quick pacing for Hugging Face's stand-in: the rules are the same, the waits shorter. arXiv's
// own 3-second rule is kept as it is in the test that measures it.
const QUICK: PolitePolicy = { intervalMs: 40, timeoutMs: 800, maxBytes: 1024 * 1024, retries: 2, backoffMs: 40, maxWaitMs: 5_000 };
const NOW = new Date("2024-10-26T12:00:00Z");
const PAGE = 2;

describe.each(providers())("sync on $name", (provider) => {
  let db: TestDatabase;
  let standIn: SyncStandIn;
  beforeEach(async () => {
    db = await provider.create();
    standIn = await startSyncStandIn();
  });
  afterEach(async () => {
    await standIn.stop();
    await db.drop();
  });

  const hf = () => hfSource({ apiUrl: standIn.hfUrl, pageSize: PAGE, policy: QUICK });
  const sync = (options: Partial<SyncOptions> = {}) => runSync(db, { sources: [hf()], now: NOW, ...options });
  const feedDay = async (id: string) => (await db.prisma.paper.findUniqueOrThrow({ where: { id } })).feedDate.toISOString().slice(0, 10);
  const hfRequests = () => standIn.requests.filter((request) => request.server === "hf");

  it("reads each day page by page onto its day, and a second run changes nothing and says so", async () => {
    const first = await sync({ since: new Date("2024-10-23") });
    const [report] = first.sources;
    expect(report).toMatchObject({ source: "hf", status: "ok", inserted: 7, updated: 0, rejected: 0 });
    expect(report!.steps.map((step) => [step.what, step.inserted])).toEqual([
      ["2024-10-23", 0],
      ["2024-10-24", 2],
      ["2024-10-25", 4],
      ["2024-10-26", 1],
    ]);
    expect(await feedDay("2410.90002")).toBe("2024-10-24");
    expect(await feedDay("2410.17243")).toBe("2024-10-25");
    expect(await feedDay("2410.90003")).toBe("2024-10-26");
    // The 25th has 4 papers, 2 a page: pages 0 and 1 full, page 2 empty ends the day.
    expect(
      hfRequests()
        .filter((request) => request.url.searchParams.get("date") === "2024-10-25")
        .map((request) => request.url.searchParams.get("p")),
    ).toEqual(["0", "1", "2"]);

    const second = await sync();
    expect(second.sources[0]).toMatchObject({ status: "ok", inserted: 0, updated: 0 });
    expect(formatSyncReport(second)).toContain("Nothing changed: the database was already up to date.");
    // Where the first run stopped: today, read again with the last 3 days for their upvotes.
    expect(second.sources[0]!.steps.map((step) => step.what)).toEqual(["2024-10-23", "2024-10-24", "2024-10-25", "2024-10-26"]);
    expect(await db.prisma.paper.count()).toBe(7);
  });

  it("picks up grown upvotes and late papers of the last days on a later run", async () => {
    await sync({ since: new Date("2024-10-24") });
    const day = standIn.days.get("2024-10-25")!;
    day[0]!.paper.upvotes += 40;
    day.push(hfEntry("2024-10-25", 3, "2410.90009"));
    const later = await sync();
    expect(later.sources[0]).toMatchObject({ status: "ok", inserted: 1, updated: 1 });
    const paper = await db.prisma.paper.findUniqueOrThrow({ where: { id: day[0]!.paper.id } });
    expect(paper.importedUpvotes).toBe(day[0]!.paper.upvotes);
    expect(await feedDay("2410.90009")).toBe("2024-10-25");
  });

  it("retries a 503, a 429 after its Retry-After, a cut-off body and a slow answer, keeping the pace", async () => {
    const on =
      (day: string, page = "0") =>
      (url: URL) =>
        url.searchParams.get("date") === day && url.searchParams.get("p") === page;
    standIn.faults.push(
      { match: on("2024-10-24"), kind: "503", times: 1 },
      { match: on("2024-10-25", "1"), kind: "429", times: 1, retryAfter: 1 },
      { match: on("2024-10-26"), kind: "cut-off", times: 1 },
      { match: on("2024-10-23"), kind: "slow", times: 1, delayMs: 2_000 },
    );
    const report = (await sync({ since: new Date("2024-10-23") })).sources[0]!;
    expect(report).toMatchObject({ status: "ok", inserted: 7 });
    const requests = hfRequests();
    // One at a time, each at least the interval after the one before it ended (so after it began).
    for (let index = 1; index < requests.length; index++) {
      expect(requests[index]!.at - requests[index - 1]!.at).toBeGreaterThanOrEqual(QUICK.intervalMs - 5);
    }
    const asked = (day: string, page = "0") => requests.filter((request) => on(day, page)(request.url));
    expect(asked("2024-10-24")).toHaveLength(2);
    expect(asked("2024-10-23")).toHaveLength(2);
    expect(asked("2024-10-26")).toHaveLength(2);
    const [limited, retried] = asked("2024-10-25", "1");
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1_000 - 5);
  });

  it("reports a day that keeps failing, takes the rest, and gets that day on the next run", async () => {
    standIn.faults.push({ match: (url) => url.searchParams.get("date") === "2024-10-25", kind: "503", times: Infinity });
    const first = (await sync({ since: new Date("2024-10-23") })).sources[0]!;
    expect(first.status).toBe("partial");
    expect(first.inserted).toBe(3);
    expect(first.steps.find((step) => step.what === "2024-10-25")!.error).toMatch(/HTTP 503/);
    // Tried 1 + retries times, then given up for this run.
    expect(hfRequests().filter((request) => request.url.searchParams.get("date") === "2024-10-25")).toHaveLength(1 + QUICK.retries);
    const status = await syncStatus(db);
    expect(status.sources[0]).toMatchObject({ source: "hf", status: "partial", inserted: 3 });
    expect(status.sources[0]!.failures).toEqual([expect.objectContaining({ what: "2024-10-25", error: expect.stringMatching(/HTTP 503/) })]);

    standIn.faults.length = 0;
    // A week later the failed day is still read: the cursor stayed on it.
    const next = (await sync({ now: new Date("2024-11-02T12:00:00Z") })).sources[0]!;
    expect(next.steps[0]!.what).toBe("2024-10-25");
    expect(next).toMatchObject({ status: "ok", inserted: 4 });
    expect(await db.prisma.paper.count()).toBe(7);
  });

  it("refuses a page that is not a list of papers, and one over the size cap, as failures of that day", async () => {
    standIn.faults.push({ match: (url) => url.searchParams.get("date") === "2024-10-24", kind: "not-json", times: 1 });
    const tiny = hfSource({ apiUrl: standIn.hfUrl, pageSize: PAGE, policy: { ...QUICK, maxBytes: 9_000 } });
    const report = (await runSync(db, { sources: [tiny], now: NOW, since: new Date("2024-10-24") })).sources[0]!;
    const errors = Object.fromEntries(report.steps.map((step) => [step.what, step.error]));
    expect(errors["2024-10-24"]).toMatch(/not a list of papers/);
    expect(errors["2024-10-25"]).toMatch(/over the 9000-byte cap/);
    // An answer too long is refused at once, not asked for again.
    expect(hfRequests().filter((request) => request.url.searchParams.get("date") === "2024-10-25")).toHaveLength(1);
    expect(errors["2024-10-26"]).toBeUndefined();
    expect(report).toMatchObject({ status: "partial", inserted: 1 });
  });

  it("finishes a run cut short: a lapsed lease is taken over, and the old run stops writing", async () => {
    let cut = false;
    let release: () => void = () => undefined;
    const stalled: SyncOptions["fetch"] = async (url, policy) => {
      if (!cut && url.includes("2024-10-25")) {
        cut = true;
        await new Promise<void>((resolve) => (release = resolve));
      }
      const response = await fetch(url);
      void policy;
      return response.text();
    };
    const interrupted = runSync(db, { sources: [hf()], now: NOW, since: new Date("2024-10-23"), fetch: stalled });
    await expect.poll(() => cut).toBe(true);
    expect(await db.prisma.paper.count()).toBe(2);
    // Meanwhile another run finds the lease held and fetches nothing.
    expect((await sync()).busy).toMatchObject({ owner: expect.stringContaining(`${os.hostname()}:${process.pid}:`) });
    // Its holder is gone for good (the lease lapsed): the next run takes over and finishes.
    await db.prisma.syncLease.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    const resumed = (await sync()).sources[0]!;
    expect(resumed).toMatchObject({ status: "ok", inserted: 5 });
    expect(await db.prisma.paper.count()).toBe(7);
    // The old run wakes up, finds its lease lost, and stops without writing.
    release();
    await interrupted;
    expect(await db.prisma.paper.count()).toBe(7);
  });

  it("takes over at once a lease whose process on this machine is gone", async () => {
    await db.prisma.syncLease.create({ data: { name: "sync", owner: `${os.hostname()}:999999999:dead`, expiresAt: new Date(Date.now() + 600_000) } });
    const lease = await takeSyncLease(db);
    expect(isLease(lease)).toBe(true);
    await db.prisma.syncLease.updateMany({ data: { owner: "another-machine:1:live" } });
    expect(isLease(await takeSyncLease(db))).toBe(false);
  });

  it("lets only one of two runs started at once fetch", async () => {
    const [a, b] = await Promise.all([sync({ since: new Date("2024-10-24") }), sync({ since: new Date("2024-10-24") })]);
    expect([a.busy, b.busy].filter((busy) => busy === null)).toHaveLength(1);
    expect(await db.prisma.paper.count()).toBe(7);
  });

  it("writes nothing on a dry run", async () => {
    const report = await sync({ since: new Date("2024-10-23"), dryRun: true });
    expect(report.sources[0]!.inserted).toBe(7);
    expect(await db.prisma.paper.count()).toBe(0);
    expect(await db.prisma.syncRun.count()).toBe(0);
    expect(await db.prisma.syncState.count()).toBe(0);
  });

  it("reads an arXiv category newest first, page by page, three seconds apart, back to its watermark", async () => {
    const source = arxivSource({ category: "cs.LG", apiUrl: standIn.arxivUrl, pageSize: 2 });
    const report = (await runSync(db, { sources: [source], now: new Date("2023-12-05T00:00:00Z"), since: new Date("2000-01-01") })).sources[0]!;
    expect(report).toMatchObject({ source: "arxiv:cs.LG", status: "ok", inserted: 4 });
    const requests = standIn.requests.filter((request) => request.server === "arxiv");
    expect(requests.map((request) => request.url.searchParams.get("start"))).toEqual(["0", "2", "4"]);
    expect(requests[0]!.url.searchParams.get("search_query")).toBe("cat:cs.LG");
    for (let index = 1; index < requests.length; index++) {
      expect(requests[index]!.at - requests[index - 1]!.at).toBeGreaterThanOrEqual(ARXIV_POLICY.intervalMs - 5);
    }
    // A paper's feed day is its publication day.
    expect(await feedDay("2312.00752")).toBe("2023-12-01");
    // The watermark is the newest first version seen; the next run reads only back to 4 days before it.
    expect((await db.prisma.syncState.findUniqueOrThrow({ where: { source: "arxiv:cs.LG" } })).cursor).toBe("2023-12-01T00:00:00.000Z");
    standIn.requests.length = 0;
    const again = (await runSync(db, { sources: [source], now: new Date("2023-12-06T00:00:00Z") })).sources[0]!;
    expect(again).toMatchObject({ status: "ok", inserted: 0, updated: 0 });
    expect(standIn.requests).toHaveLength(1);
  }, 30_000);
});
