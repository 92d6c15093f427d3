// The app's production build: Next.js's (.next/) and the server bundle that serves it
// (.next/daily-papers/serve-app.mjs, with the search worker beside it), current when all are newer than every source. Shared by
// `npm start` and the benchmark (bench/), which both serve the built app.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

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

/** Builds the app unless the build is current; false when the build failed. */
export function ensureBuild(): boolean {
  if (buildIsCurrent()) return true;
  console.log("Building the app (once, ~30 s)…");
  if (spawnSync(NEXT_BIN, ["build"], { cwd: root, stdio: "inherit" }).status !== 0) return false;
  bundleServer();
  return true;
}
