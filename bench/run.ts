import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../scripts/build";
import { ingestFromSource } from "../lib/ingest/run";
import { checkFreshness } from "./check-freshness";
import { measureRecs } from "./measure-recs";
import { writeCorpus } from "./corpus";
import { applyUpvotes, createBenchDatabase } from "./database";
import { measureAttacks } from "./measure-attacks";
import { measureHttp, signedInCookie } from "./measure-http";
import { measureIngest } from "./measure-ingest";
import { measureSearch } from "./measure-search";
import { benchQueries } from "./queries";
import { evaluateTargets, formatTable, type Results } from "./report";
import { startServer } from "./server";
import { timed } from "./stats";

export type BenchOptions = {
  papers: number;
  db: "sqlite" | "postgres";
  out: string;
  /** Leave out the HTTP part (it needs the built app). */
  skipHttp?: boolean;
  /** Seconds of load per path. */
  httpSeconds?: number;
  /** Where the corpus, the databases and the server log go (default bench/.work). */
  workFolder?: string;
  log?: (line: string) => void;
};

const WORK_FOLDER = path.join(import.meta.dirname, ".work");
const PATHS = { list: "/api/daily_papers", feed: "/", search: "/api/papers/search?q=learning", searchPage: "/search?q=learning" };

/** One whole run: corpus, ingest, search, HTTP; writes the results file and returns it. */
export async function runBenchmark(options: BenchOptions): Promise<Results> {
  const log = options.log ?? ((line: string) => console.log(line));
  const workFolder = options.workFolder ?? WORK_FOLDER;
  fs.mkdirSync(workFolder, { recursive: true });
  const startedAt = new Date().toISOString();
  log(`Writing a ${options.papers.toLocaleString("en-US")}-paper arXiv snapshot…`);
  const file = path.join(workFolder, `corpus-${options.papers}.jsonl`);
  const corpus = await timed(() => writeCorpus({ file, papers: options.papers }));
  const bench = await createBenchDatabase({ provider: options.db, workFolder });
  try {
    log("Ingesting (real path, again unchanged, then raw inserts)…");
    const ingest = await measureIngest(bench.db, {
      file,
      papers: options.papers,
      workFolder,
      // The baseline first, in a database of its own, dropped before the real ingest.
      withoutFeatures: async () => {
        const plain = await createBenchDatabase({ provider: options.db, workFolder, name: "bench-plain" });
        try {
          return (await timed(() => ingestFromSource(plain.db, { source: file, withoutFeatures: true }))).ms / 1000;
        } finally {
          await plain.drop();
        }
      },
    });
    log(`  ${JSON.stringify(ingest)}`);
    await applyUpvotes(bench.db, corpus.value.upvotes);
    log("Searching (200 queries, then the naive query)…");
    const search = await measureSearch(bench.db, benchQueries(corpus.value.vocabulary));
    log(`  ${JSON.stringify(search)}`);
    let http = null;
    let freshness = null;
    let recs = null;
    let attacks = null;
    if (!options.skipHttp) {
      if (!(await ensureBuild())) throw new Error("next build failed");
      log("Serving the built app and loading it with autocannon…");
      // As behind a proxy on this machine, so the attacks can come from many clients (bench/flood.ts).
      const server = await startServer({ databaseUrl: bench.url, logFile: path.join(workFolder, "server.log"), env: { TRUSTED_PROXIES: "loopback" } });
      try {
        const day = (await (await fetch(`${server.origin}/api/daily_papers?limit=50`)).json()) as Array<{ paper: { id: string } }>;
        const paperPage = `/papers/${day[0]!.paper.id}`;
        const cookie = await signedInCookie(server.origin);
        http = await measureHttp(server, {
          paths: [PATHS.list, PATHS.feed, paperPage, PATHS.search, PATHS.searchPage],
          signedInPaths: [PATHS.feed, paperPage, PATHS.searchPage],
          cookie,
          viewerPapers: day.map((entry) => entry.paper.id),
          staticPath: "/favicon.svg",
          seconds: options.httpSeconds ?? (options.papers >= 100_000 ? 10 : 2),
        });
        log(`  ${JSON.stringify(http)}`);
        freshness = await checkFreshness(bench.db, server.origin, cookie);
        log("For you and related papers…");
        recs = await measureRecs(bench.db, server.origin, cookie);
        log(`  ${JSON.stringify(recs)}`);
        log("Attacking it: expensive searches next to a cheap page, then a flood of distinct long addresses…");
        attacks = await measureAttacks(server, {
          vocabulary: corpus.value.vocabulary,
          seconds: options.httpSeconds ?? (options.papers >= 100_000 ? 10 : 2),
          // A feed page with a 14 KB address renders in ~60-100 ms at a million papers.
          floodPerPath: options.papers >= 100_000 ? 2_000 : 300,
          floodPaths: [PATHS.feed, PATHS.list, paperPage, "/api/papers/search?q="],
        });
        log(`  ${JSON.stringify(attacks)}`);
      } finally {
        server.stop();
      }
    }
    const partial = {
      papers: options.papers,
      db: options.db,
      startedAt,
      machine: { cpus: os.cpus().length, node: process.versions.node, platform: `${os.platform()} ${os.release()}` },
      corpus: { bytes: corpus.value.bytes, generateSeconds: corpus.ms / 1000 },
      ingest,
      search,
      http: http?.paths ?? null,
      staticReqPerSec: http?.staticReqPerSec ?? null,
      feedJsGzipBytes: http?.feedJs.gzipBytes ?? null,
      feedAppJsGzipBytes: http?.feedJs.appGzipBytes ?? null,
      peakRssBytes: http?.peakRssBytes ?? null,
      peakWorkerRssBytes: http?.peakWorkerRssBytes ?? null,
      peakWorkerAnonBytes: http?.peakWorkerAnonBytes ?? null,
      freshness,
      recs,
      attacks,
    };
    const targets = evaluateTargets(partial, PATHS);
    const results: Results = { ...partial, targets, allTargetsMet: targets.every((target) => target.pass) };
    fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
    log(`\n${formatTable(results)}\n\nWritten to ${options.out}`);
    return results;
  } finally {
    await bench.drop();
    fs.rmSync(file, { force: true });
  }
}
