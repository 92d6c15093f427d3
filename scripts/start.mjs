// `npm start`: the app with its database on PORT (default 3000), in two steps so the processes
// that keep running hold only the server (about 100 MB less each than running it under tsx with
// the preparation's Prisma clients still loaded):
// 1. scripts/prepare-start.ts, in a child process: migrate, load the sample into an empty
//    database, build the app and the server bundle when stale;
// 2. the server bundle (scripts/serve-app.ts, built to .next/daily-papers/): in this process the
//    supervisor, which starts this same file again as each worker process (node:cluster), where
//    the preparation is skipped.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.join(import.meta.dirname, "..");
if (cluster.isPrimary) {
  const prepared = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "prepare-start.ts")], { stdio: "inherit" });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
}

const { serveFromEnv } = await import(pathToFileURL(path.join(root, ".next", "daily-papers", "serve-app.mjs")).href);
await serveFromEnv(root);
