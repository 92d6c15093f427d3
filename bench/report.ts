import type { Freshness } from "./check-freshness";
import type { RecsFigures } from "./measure-recs";
import { SIGNED_IN, VIEWER_ANSWER, type HttpFigures } from "./measure-http";
import type { AttackFigures } from "./measure-attacks";
import type { IngestFigures } from "./measure-ingest";
import type { SearchFigures } from "./measure-search";

export type Target = {
  name: string;
  value: number;
  /** The figure it is held to: a fixed number or a ratio times a limit measured in the same run. */
  limit: number;
  rule: string;
  pass: boolean;
  /** How far from the target, as a fraction of the limit (0 when met). */
  shortfall: number;
};

export type Results = {
  papers: number;
  db: "sqlite" | "postgres";
  startedAt: string;
  machine: { cpus: number; node: string; platform: string };
  corpus: { bytes: number; generateSeconds: number };
  ingest: IngestFigures;
  search: SearchFigures;
  http: HttpFigures["paths"] | null;
  staticReqPerSec: number | null;
  feedJsGzipBytes: number | null;
  /** The part of it that is not the App Router's own floor (the build's rootMainFiles). */
  feedAppJsGzipBytes: number | null;
  /** The whole server (supervisor and workers) under the HTTP load. */
  peakRssBytes: number | null;
  /** The largest one worker process grew under the HTTP load: resident, and of that its own (anonymous) memory. */
  peakWorkerRssBytes: number | null;
  peakWorkerAnonBytes: number | null;
  freshness: Freshness | null;
  recs: RecsFigures | null;
  attacks: AttackFigures | null;
  targets: Target[];
  allTargetsMet: boolean;
};

/**
 * What one worker process of `npm start` may hold of its own (anonymous memory: not the shared,
 * reclaimable pages of Node.js's binary and mapped files), under any load: its JavaScript heap is
 * capped at 256 MB (--max-old-space-size), within which the response cache keeps at most 32 MB;
 * the rest is code, the search thread and native memory (sockets, zlib, SQLite).
 */
export const WORKER_RSS_BUDGET_BYTES = 448 * 1024 * 1024;

const atLeast = (name: string, value: number, limit: number, rule: string): Target => ({
  name,
  value,
  limit,
  rule,
  pass: value >= limit,
  shortfall: value >= limit ? 0 : round((limit - value) / limit),
});
const atMost = (name: string, value: number, limit: number, rule: string): Target => ({
  name,
  value,
  limit,
  rule,
  pass: value <= limit,
  shortfall: value <= limit ? 0 : round((value - limit) / limit),
});
const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The ingest and search targets each engine is held to, against its own baselines measured in
 * the same run: SQLite's raw prepared inserts and exact BM25; PostgreSQL's raw COPY and a plain
 * ts_rank over every match, plus a million papers in under five minutes (scaled to the corpus).
 */
const ENGINE_TARGETS: Record<Results["db"], (results: Pick<Results, "ingest" | "search" | "papers">) => Target[]> = {
  sqlite: ({ ingest, search }) => [
    atLeast("ingest papers/s", ingest.papersPerSec, 0.25 * ingest.rawPapersPerSec, "≥ 0.25 × raw prepared inserts"),
    atMost("search p95 ms", search.p95Ms, 0.2 * search.rawP95Ms, "≤ 0.2 × naive exact-BM25 p95"),
    atMost("search p50 ms", search.p50Ms, 5, "≤ 5 ms"),
  ],
  postgres: ({ ingest, search, papers }) => [
    atLeast("ingest papers/s", ingest.papersPerSec, 0.3 * ingest.rawPapersPerSec, "≥ 0.3 × raw COPY"),
    atMost("ingest seconds", ingest.seconds, (300 * papers) / 1_000_000, "≤ 5 min a million papers"),
    atMost("search p95 ms", search.p95Ms, 0.1 * search.rawP95Ms, "≤ 0.1 × naive ts_rank p95"),
    atMost("search p50 ms", search.p50Ms, 10, "≤ 10 ms"),
  ],
};

/** The issues' targets, each next to the limit it is measured against. */
export function evaluateTargets(results: Omit<Results, "targets" | "allTargetsMet">, paths: { list: string; feed: string }): Target[] {
  const { ingest, search } = results;
  const targets = [
    ...ENGINE_TARGETS[results.db](results),
    atLeast("re-ingest papers/s", ingest.reingestPapersPerSec, 2 * ingest.papersPerSec, "≥ 2 × first ingest"),
    atLeast("ingest papers/s, features made", ingest.papersPerSec, 0.8 * ingest.withoutFeaturesPapersPerSec, "≥ 0.8 × without them"),
    atMost("search max ms", search.maxMs, 500, "≤ 500 ms"),
  ];
  if (results.http && results.staticReqPerSec !== null) {
    const list = results.http[paths.list]!;
    const feed = results.http[paths.feed]!;
    targets.push(
      atLeast(`${paths.list} req/s`, list.reqPerSec, 0.5 * results.staticReqPerSec, "≥ 0.5 × static file"),
      atMost(`${paths.list} p99 ms`, list.p99Ms, 100, "≤ 100 ms"),
      atLeast("feed page req/s", feed.reqPerSec, 0.3 * results.staticReqPerSec, "≥ 0.3 × static file"),
      atMost("feed page p99 ms", feed.p99Ms, 100, "≤ 100 ms"),
      // Issue 13: the App Router's floor (React, React DOM, its runtime) plus at most 25 KB of the app's own.
      atMost("feed page app JS gzip bytes", results.feedAppJsGzipBytes!, 25 * 1024, "≤ 25 KB over the App Router's floor"),
      // Anonymous memory: RSS also counts the database file's mapped pages (bench/server.ts processAnonRss).
      atMost("worker peak anonymous memory bytes", results.peakWorkerAnonBytes!, 300 * 1024 * 1024, "≤ 300 MB a worker process"),
    );
    // Issue 13: a signed-in reader gets the same shared page; who they are comes from the viewer answer.
    for (const [name, signedIn] of Object.entries(results.http).filter(([name]) => name.endsWith(` ${SIGNED_IN}`) && name !== VIEWER_ANSWER)) {
      const signedOut = results.http[name.slice(0, -SIGNED_IN.length - 1)];
      if (signedOut) targets.push(atLeast(`${name} req/s`, signedIn.reqPerSec, 0.8 * signedOut.reqPerSec, "≥ 0.8 × signed out"));
      targets.push(atMost(`${name} p99 ms`, signedIn.p99Ms, 50, "≤ 50 ms"));
    }
    const viewer = results.http[VIEWER_ANSWER];
    if (viewer) targets.push(atMost("viewer answer p99 ms", viewer.p99Ms, 10, "≤ 10 ms"));
  }
  if (results.attacks) {
    const { flood, stall } = results.attacks;
    targets.push(
      atMost("worker peak anonymous memory under flood", flood.peakWorkerAnonBytes, WORKER_RSS_BUDGET_BYTES, "≤ 448 MB a worker (heap capped at 256 MB)"),
      atMost(
        "5xx/errors under flood",
        Object.entries(flood.statuses)
          .filter(([status]) => status >= "500")
          .reduce((sum, [, count]) => sum + count, flood.errors),
        0,
        "none",
      ),
      atMost("cheap page p99 ms, searches running", stall.underSearches.p99Ms, stall.alone.p99Ms + 20, "≤ alone + 20 ms"),
    );
  }
  if (results.recs) {
    targets.push(
      atMost("For you p95 ms, model kept", results.recs.forYouCached.p95Ms, 100, "≤ 100 ms, a reader of 200 upvotes"),
      atMost("For you p95 ms, after a vote", results.recs.forYouAfterVote.p95Ms, 500, "≤ 500 ms: trained again first"),
      atMost("related papers p95 ms", results.recs.related.p95Ms, 20, "≤ 20 ms, computed afresh"),
    );
  }
  if (results.freshness) {
    targets.push(
      atLeast("fresh after upvote", Number(results.freshness.afterUpvote), 1, "the API and the viewer answer at once, pages within a render"),
      atLeast("fresh after ingest", Number(results.freshness.afterIngest), 1, "the API and search at once, pages within a render"),
      atMost(
        "month page's first request after an upvote ms",
        results.freshness.monthAfterUpvote.firstRequestMs,
        100,
        "≤ 100 ms: nobody waits for a slow render",
      ),
    );
  }
  return targets;
}

const number = (value: number) => (Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2));

/** The table printed at the end of a run: every figure, then every target with its ratio to its limit. */
export function formatTable(results: Results): string {
  const { ingest, search } = results;
  const lines = [
    `Daily Papers benchmark: ${results.papers.toLocaleString("en-US")} papers on ${results.db} (${results.machine.cpus} cores, Node ${results.machine.node})`,
    "",
    `ingest      ${number(ingest.papersPerSec)} papers/s (${ingest.seconds.toFixed(1)} s; without features ${number(ingest.withoutFeaturesPapersPerSec)}/s) | raw inserts ${number(ingest.rawPapersPerSec)}/s | re-ingest ${number(ingest.reingestPapersPerSec)}/s (${ingest.reingestSeconds.toFixed(1)} s) | peak RSS ${(ingest.peakRssBytes / 2 ** 20).toFixed(0)} MB`,
    `search      p50 ${number(search.p50Ms)} ms | p95 ${number(search.p95Ms)} | p99 ${number(search.p99Ms)} | max ${number(search.maxMs)}   naive: p50 ${number(search.rawP50Ms)} | p95 ${number(search.rawP95Ms)} | p99 ${number(search.rawP99Ms)} | max ${number(search.rawMaxMs)}`,
    `            p95 by kind: ${Object.entries(search.p95MsByKind)
      .map(([kind, ms]) => `${kind} ${number(ms)}`)
      .join(", ")}`,
  ];
  if (results.http) {
    lines.push("", "path                                   req/s     p50 ms   p99 ms   vs static");
    for (const [path, figures] of Object.entries(results.http)) {
      lines.push(
        `${path.padEnd(36)} ${number(figures.reqPerSec).padStart(8)} ${number(figures.p50Ms).padStart(9)} ${number(figures.p99Ms).padStart(8)}   ${(figures.reqPerSec / results.staticReqPerSec!).toFixed(2)}×${figures.non2xx + figures.errors > 0 ? `  (${figures.non2xx} non-2xx, ${figures.errors} errors)` : ""}`,
      );
    }
    lines.push(`${"static file".padEnd(36)} ${number(results.staticReqPerSec!).padStart(8)}`);
    lines.push(
      `feed page JS ${(results.feedJsGzipBytes! / 1024).toFixed(1)} KB gzipped (the app's own ${(results.feedAppJsGzipBytes! / 1024).toFixed(1)} KB) | server peak RSS ${(results.peakRssBytes! / 2 ** 20).toFixed(0)} MB (largest worker ${(results.peakWorkerRssBytes! / 2 ** 20).toFixed(0)} MB, of it its own ${(results.peakWorkerAnonBytes! / 2 ** 20).toFixed(0)} MB)`,
    );
  }
  if (results.attacks) {
    const { flood, stall } = results.attacks;
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    lines.push(
      `flood       ${number(flood.requests)} distinct 14 KB addresses in ${flood.seconds.toFixed(1)} s: statuses ${JSON.stringify(flood.statuses)}, ${flood.errors} errors | peak RSS ${mb(flood.peakRssBytes)} (largest worker ${mb(flood.peakWorkerRssBytes)}, of it its own ${mb(flood.peakWorkerAnonBytes)})`,
      `stall       ${stall.cheapPath} alone p50 ${number(stall.alone.p50Ms)} / p99 ${number(stall.alone.p99Ms)} ms; with 45-word searches running p50 ${number(stall.underSearches.p50Ms)} / p99 ${number(stall.underSearches.p99Ms)} ms (searches: ${number(stall.searches.requests)}, p50 ${number(stall.searches.p50Ms)} / p99 ${number(stall.searches.p99Ms)} ms)`,
    );
  }
  if (results.freshness) {
    const { monthAfterUpvote: month, pageCatchUpMs } = results.freshness;
    lines.push(
      `after write the month page's first request ${number(month.firstRequestMs)} ms (${month.answeredAs ?? "rendered"}; a render takes ${number(month.renderMs)} ms) | pages caught up within ${number(pageCatchUpMs)} ms`,
    );
  }
  if (results.recs) {
    const { forYouCached, forYouAfterVote, related, upvotes } = results.recs;
    lines.push(
      `for you     reader of ${upvotes} upvotes: p50 ${number(forYouCached.p50Ms)} / p95 ${number(forYouCached.p95Ms)} ms with the model kept, p50 ${number(forYouAfterVote.p50Ms)} / p95 ${number(forYouAfterVote.p95Ms)} ms after a vote | related papers p50 ${number(related.p50Ms)} / p95 ${number(related.p95Ms)} ms`,
    );
  }
  lines.push("", "targets:");
  for (const target of results.targets) {
    const verdict = target.pass ? "pass" : `FAIL by ${(target.shortfall * 100).toFixed(0)}%`;
    lines.push(
      `  ${target.name.padEnd(30)} ${number(target.value).padStart(12)}  limit ${number(target.limit).padStart(12)}  ratio ${(target.value / target.limit).toFixed(2)}  ${target.rule.padEnd(40)} ${verdict}`,
    );
  }
  return lines.join("\n");
}
