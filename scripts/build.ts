// The app's production build: Next.js's (.next/) and the server bundle that serves it
// (.next/daily-papers/serve-app.mjs, with the search worker beside it), current when all are newer than every source. Shared by
// `npm start` and the benchmark (bench/), which both serve the built app.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import lockfile from "proper-lockfile";

const root = path.join(import.meta.dirname, "..");
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "scripts/serve-app.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json"];
const SERVER_BUNDLE = path.join(root, ".next", "daily-papers", "serve-app.mjs");
/** The search worker thread's entry (lib/db/sqlite/worker-pool.ts), next to the server bundle that starts it. */
const SEARCH_WORKER_BUNDLE = path.join(root, ".next", "daily-papers", "search-worker.mjs");

/** The `next` command of this project. */
export const NEXT_BIN = path.join(root, "node_modules", ".bin", "next");

function newestChange(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

export function buildIsCurrent(): boolean {
  const outputs = [path.join(root, ".next", "BUILD_ID"), SERVER_BUNDLE, SEARCH_WORKER_BUNDLE];
  if (!outputs.every((output) => fs.existsSync(output))) return false;
  const built = Math.min(...outputs.map((output) => fs.statSync(output).mtimeMs));
  return SOURCES.every((entry) => newestChange(entry) <= built);
}

/**
 * The server entry and the search worker's, each with the lib/ code it uses, as ES modules that
 * plain Node.js runs; packages stay imports (Next.js, better-sqlite3, Zod are loaded from
 * node_modules as usual).
 */
function bundleServer(): void {
  const bundles: Array<[string, string]> = [
    [path.join(root, "scripts", "serve-app.ts"), SERVER_BUNDLE],
    [path.join(root, "lib", "db", "sqlite", "search-worker.ts"), SEARCH_WORKER_BUNDLE],
  ];
  for (const [entry, outfile] of bundles) {
    buildSync({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "warning" });
  }
}

/**
 * Builds the app unless the build is current; false when the build failed. Two processes that
 * find it stale at once (two instances started together, `npm start` next to the benchmark) would
 * both build into the same .next/: one builds while the other waits for it, then finds it current.
 * The lock is a folder beside package.json that a process which dies while holding it leaves
 * stale within a minute (proper-lockfile refreshes it while the build runs).
 */
export async function ensureBuild(): Promise<boolean> {
  if (buildIsCurrent()) return true;
  const release = await lockfile.lock(root, {
    lockfilePath: path.join(root, ".next-build.lock"),
    stale: 60_000,
    retries: { retries: 600, minTimeout: 1_000, maxTimeout: 1_000 },
  });
  try {
    if (buildIsCurrent()) return true;
    console.log("Building the app (once, ~30 s)…");
    // Asynchronously, so the lock's refresh timer runs while Next.js builds.
    if ((await run(NEXT_BIN, ["build"])) !== 0) return false;
    bundleServer();
    return true;
  } finally {
    await release();
  }
}

function run(command: string, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code));
  });
}
