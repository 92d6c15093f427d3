// The app's production build: current when .next/BUILD_ID is newer than every source. Shared by
// `npm start` and the benchmark (bench/), which both serve the built app.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "..");
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

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
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((entry) => newestChange(entry) <= built);
}

/** Builds the app unless the build is current; false when the build failed. */
export function ensureBuild(): boolean {
  if (buildIsCurrent()) return true;
  console.log("Building the app (once, ~30 s)…");
  return spawnSync(NEXT_BIN, ["build"], { cwd: root, stdio: "inherit" }).status === 0;
}
