// `npm start`: prepare the database, build the app if the build is missing or older than the
// sources, then serve it on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readEnv } from "../lib/env";
import { prepareDatabase } from "./prepare-database";

const root = path.join(import.meta.dirname, "..");
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

function newestChange(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((entry) => newestChange(entry) <= built);
}

const env = readEnv();
await prepareDatabase(env.DATABASE_URL);

const next = path.join(root, "node_modules", ".bin", "next");
if (!buildIsCurrent()) {
  console.log("Building the app (once, ~30 s)…");
  const build = spawnSync(next, ["build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(next, ["start", "--port", String(env.PORT)], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
