import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearAnswerCache } from "../../lib/cache/answer-cache";
import { getPaper } from "../../lib/papers/queries";
import { relatedPapers } from "../../lib/search/related";
import { searchPapers, type SearchOptions } from "../../lib/search/search";
import { searchWorkers, stopSearchWorkers, startSearchWorkers, type SearchWorkerPool } from "../../lib/db/sqlite/worker-pool";
import { SearchUnavailableError } from "../../lib/errors";
import { providers, type TestDatabase } from "../support/databases";
import { loadSearchCorpus } from "../support/search-corpus";

const SUPPORT = path.join(import.meta.dirname, "..", "support");
// The real worker entry, started under tsx; and a stand-in that misbehaves on request.
const REAL_WORKER = path.join(SUPPORT, "search-worker-under-tsx.mjs");
const STAND_IN = path.join(SUPPORT, "search-worker-faults.mjs");

/** The event loop's worst delay (ms) while `work` runs, sampled every 5 ms. */
async function worstLoopDelay<T>(work: () => Promise<T>): Promise<{ value: T; delayMs: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  // A stall shows when the loop next turns: let the sampler run once more before reading.
  await sleep(20);
  histogram.disable();
  return { value, delayMs: histogram.max / 1e6, ms };
}

afterEach(async () => {
  await stopSearchWorkers();
  clearAnswerCache();
});

describe("search in a worker thread, on SQLite", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await providers()[0]!.create();
    await loadSearchCorpus(db, 200);
  }, 120_000);
  afterAll(async () => db?.drop());

  const QUERIES: SearchOptions[] = [
    { q: "mamba" },
    { q: "selective state spaces" },
    { q: '"sparse rate reduction" -vision' },
    { q: "learning", sort: "newest", limit: 50 },
    { q: "learning", filters: { category: "cs.CL", from: new Date("2024-01-01"), before: new Date("2024-02-01") } },
    { q: "tranformers" },
    { q: "the of and a in to is for with on that by as we" },
    { q: "transf" },
    { q: "abʼcd ʼ" },
  ];

  it("answers every search as the inline engine does", async () => {
    const inline = [];
    for (const options of QUERIES) inline.push(await searchPapers(db, options));
    clearAnswerCache();
    const pool = startSearchWorkers({ entry: REAL_WORKER, size: 1 });
    const inWorker = [];
    for (const options of QUERIES) inWorker.push(await searchPapers(db, options));
    expect(inWorker).toEqual(inline);
    expect(inline[0]!.hits[0]?.paper.id).toBe("2312.00752");
    // Matching, and the typo's trigram lookups, ran in the worker.
    expect(pool.answered).toBeGreaterThanOrEqual(QUERIES.length + 1);
    expect(pool.started).toBe(1);
  }, 60_000);

  it("finds related papers in the worker", async () => {
    const paper = await getPaper(db, "vidla-video-language-alignment-at-scale");
    const inline = await relatedPapers(db, paper);
    clearAnswerCache();
    const pool = startSearchWorkers({ entry: REAL_WORKER });
    expect(await relatedPapers(db, paper)).toEqual(inline);
    expect(inline.length).toBeGreaterThan(0);
    expect(pool.answered).toBe(1);
  }, 60_000);

  it("sees writes made after it opened its connection", async () => {
    startSearchWorkers({ entry: REAL_WORKER });
    expect((await searchPapers(db, { q: "mamba" })).hits[0]?.paper.id).toBe("2312.00752");
    await db.prisma.paper.update({ where: { id: "2312.00752" }, data: { title: "Okapi: a renamed paper" } });
    expect((await searchPapers(db, { q: "okapi" })).hits.map((hit) => hit.paper.id)).toEqual(["2312.00752"]);
  }, 60_000);
});

describe("the search worker pool", () => {
  const pool = (options: { size?: number; timeoutMs?: number; maxQueue?: number; entry?: string } = {}): SearchWorkerPool =>
    startSearchWorkers({ entry: STAND_IN, ...options });
  const run = (workers: SearchWorkerPool, input: object) => workers.run("file:unused.db", "match", input as never) as Promise<unknown>;

  it("keeps the event loop free while a long statement runs in a worker, which inline it is not", async () => {
    // The measure can see a stall: the same statements on this thread hold the loop for as long.
    const connection = new BetterSqlite3(":memory:");
    const count = connection.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT count(*) FROM c").pluck();
    const inline = await worstLoopDelay(async () => {
      await sleep(10);
      const begun = performance.now();
      while (performance.now() - begun < 600) count.get(100_000);
    });
    connection.close();
    expect(inline.delayMs).toBeGreaterThan(500);

    const workers = pool();
    await run(workers, {}); // started and ready
    // The machine is shared (other processes can hold this thread off the CPU for tens of ms): the
    // best of three tries is taken. A stall caused here would show in every one of them.
    const tries = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const offThread = await worstLoopDelay(() => run(workers, { stall: 1_500 }) as Promise<{ ms: number }>);
      clearInterval(timer);
      expect(offThread.value.ms).toBeGreaterThan(1_400);
      tries.push({ delayMs: offThread.delayMs, ticks, ms: offThread.ms });
      if (offThread.delayMs < 50) break;
    }
    const best = tries.reduce((a, b) => (a.delayMs < b.delayMs ? a : b));
    expect(best.delayMs, JSON.stringify(tries)).toBeLessThan(200);
    // A 10 ms timer kept firing the whole time.
    expect(best.ticks).toBeGreaterThan(best.ms / 10 / 3);
  }, 60_000);

  it("runs as many statements at once as it has workers, queues the rest, and refuses past the queue", async () => {
    const workers = pool({ size: 2, maxQueue: 1 });
    await Promise.all([run(workers, {}), run(workers, {})]);
    const started = performance.now();
    const running = [run(workers, { stall: 400 }), run(workers, { stall: 400 }), run(workers, { stall: 400 })];
    await expect(run(workers, {})).rejects.toThrow(new SearchUnavailableError("Search is busy right now; try again in a moment."));
    const answers = (await Promise.all(running)) as Array<{ threadId: number }>;
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBe(2);
    // Two ran side by side, the third after one of them.
    expect(performance.now() - started).toBeGreaterThan(750);
  }, 30_000);

  it("fails the task of a worker that dies, replaces the worker, and carries on", async () => {
    const workers = pool();
    await expect(run(workers, { exit: 3 })).rejects.toThrow("The search worker stopped (exit code 3).");
    await expect(run(workers, { throw: "a bug in the worker" })).rejects.toThrow("The search worker failed: a bug in the worker");
    await expect(run(workers, { echo: 1 })).resolves.toEqual({ echo: { echo: 1 } });
    expect(workers.started).toBe(3);
  }, 30_000);

  it("gives up a task past the timeout with a 503, terminates the stuck worker and replaces it", async () => {
    const workers = pool({ timeoutMs: 300 });
    const started = performance.now();
    const error = await run(workers, { hang: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as SearchUnavailableError).status).toBe(503);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(run(workers, { stall: 20 })).resolves.toMatchObject({ ms: expect.any(Number) });
    expect(workers.started).toBe(2);
  }, 30_000);

  it("answers with an error, not a hang, when the worker cannot start", async () => {
    const workers = pool({ entry: path.join(SUPPORT, "no-such-worker.mjs") });
    await expect(run(workers, {})).rejects.toThrow(/The search worker failed/);
    await expect(run(workers, {})).rejects.toThrow(/The search worker failed/);
    const refused = startSearchWorkers({ entry: STAND_IN, execArgv: ["--no-such-node-option"] });
    await expect(run(refused, {})).rejects.toThrow(/execArgv|option/i);
    // Nor does a task whose input cannot cross to the thread hold its worker.
    const fine = pool();
    await expect(run(fine, { notCloneable: () => 1 })).rejects.toThrow(/could not be cloned/);
    await expect(run(fine, { echo: 2 })).resolves.toEqual({ echo: { echo: 2 } });
  }, 30_000);

  it("is stopped and replaced through the registry; stopped, searches run inline again", async () => {
    const first = pool();
    const second = pool();
    expect(searchWorkers()).toBe(second);
    await expect(run(first, {})).rejects.toThrow("The search workers are stopped.");
    await stopSearchWorkers();
    expect(searchWorkers()).toBeNull();
  });
});
