import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBenchmark } from "../../bench/run";
import { readEnv } from "../../lib/env";
import { buildIsCurrent, ensureBuild } from "../../scripts/build";
import { providers } from "../support/databases";

// The benchmark on a few thousand papers, on each database, so it never rots: every part runs and writes a
// well-formed file. The HTTP part needs the built app: on CI it is built here (the browser tests
// then reuse it); elsewhere a stale build skips that part rather than add ~40 s to every run.
describe.each(providers().map((provider) => provider.name))("npm run bench on %s (smoke run)", (db) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-bench-"));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  const positive = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value > 0;
  const notNegative = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value >= 0;

  it("measures ingest, search and HTTP and writes results.json", async () => {
    const out = path.join(folder, "results.json");
    const withHttp = readEnv().CI ? await ensureBuild() : buildIsCurrent();
    if (!withHttp) console.warn("No current build of the app (next build): the smoke run skips the HTTP part.");
    await runBenchmark({ papers: 3_000, db, out, workFolder: folder, skipHttp: !withHttp, httpSeconds: 1, log: () => undefined });
    const results = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(results).toMatchObject({ papers: 3_000, db });
    for (const key of ["papersPerSec", "withoutFeaturesPapersPerSec", "rawPapersPerSec", "reingestPapersPerSec"])
      expect(results.ingest[key], key).toSatisfy(positive);
    expect(results.ingest).toMatchObject({ inserted: 3_000, unchangedOnReingest: 3_000 });
    for (const key of ["p50Ms", "p95Ms", "p99Ms", "maxMs", "rawP95Ms"]) expect(results.search[key], key).toSatisfy(positive);
    expect(results.search.queries).toBe(200);
    expect(results.targets.length).toBeGreaterThanOrEqual(5);
    for (const target of results.targets) expect(target).toMatchObject({ pass: expect.any(Boolean), shortfall: expect.any(Number) });
    if (withHttp) {
      expect(Object.keys(results.http)).toEqual(expect.arrayContaining(["/api/daily_papers", "/", "/api/papers/search?q=learning"]));
      for (const figures of Object.values(results.http) as Array<Record<string, number>>) {
        expect(figures.reqPerSec, "reqPerSec").toSatisfy(positive);
        // A cached answer comes back within the millisecond autocannon counts in: 0 is a latency.
        for (const key of ["p50Ms", "p99Ms"]) expect(figures[key], key).toSatisfy(notNegative);
        expect(figures, "every answer a 2xx, no socket errors").toMatchObject({ non2xx: 0, errors: 0 });
      }
      for (const key of ["staticReqPerSec", "feedJsGzipBytes", "feedAppJsGzipBytes", "peakRssBytes", "peakWorkerRssBytes", "peakWorkerAnonBytes"])
        expect(results[key], key).toSatisfy(positive);
      expect(results.feedAppJsGzipBytes).toBeLessThan(results.feedJsGzipBytes);
      expect(results.peakWorkerAnonBytes).toBeLessThanOrEqual(results.peakWorkerRssBytes);
      const { flood, stall } = results.attacks;
      expect(flood.requests).toBe(4 * 300);
      expect(flood.errors).toBe(0);
      for (const key of ["peakRssBytes", "peakWorkerRssBytes", "peakWorkerAnonBytes"]) expect(flood[key], `flood ${key}`).toSatisfy(positive);
      for (const figures of [stall.alone, stall.underSearches]) expect(figures).toMatchObject({ non2xx: 0, errors: 0, reqPerSec: expect.toSatisfy(positive) });
      expect(stall.searches.requests).toSatisfy(positive);
      // After a write, the month page's first reader gets its previous copy while it renders again
      // when its renders are slow (at a million papers); at this size it renders for them at once.
      expect(results.freshness).toMatchObject({ afterUpvote: true, afterIngest: true });
      expect([null, "stale"]).toContain(results.freshness.monthAfterUpvote.answeredAs);
      for (const key of ["firstRequestMs", "renderMs"]) expect(results.freshness.monthAfterUpvote[key], key).toSatisfy(positive);
      expect(results.freshness.pageCatchUpMs).toSatisfy(notNegative);
      expect(results.recs.upvotes).toBe(200);
      for (const key of ["forYouCached", "forYouAfterVote", "related"]) expect(results.recs[key].p95Ms, key).toSatisfy(positive);
    }
  }, 240_000);
});
