// The production server: a supervisor (lib/http/supervisor.ts) and, in each worker process,
// Next.js's request handler behind the request limits and the response cache
// (lib/http/app-listener.ts). Bundled by scripts/build.ts into .next/daily-papers/serve-app.mjs
// so that `npm start` (scripts/start.mjs) runs it on plain Node.js, without a TypeScript loader.
import cluster from "node:cluster";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { dataVersionOf } from "../lib/db/data-version";
import { providerOf } from "../lib/db/url";
import { readEnv } from "../lib/env";
import { createAppListener } from "../lib/http/app-listener";
import { formatAbortReasonsAtOnce } from "../lib/http/abort-reasons";
import { proxyTrust } from "../lib/http/client-address";
import { recordContextOutsideRequests } from "../lib/http/outside-requests";
import { startRefresher, type Refresher } from "../lib/http/refresher";
import { createResponseCache } from "../lib/http/response-cache";
import { isHttpsAppUrl } from "../lib/http/security-headers";
import { superviseWorkers } from "../lib/http/supervisor";
import { scheduleSync } from "../lib/sync/schedule";
import { viewerResponse } from "../lib/viewer/viewer-response";
import { stopSearchWorkers, startSearchWorkers } from "../lib/db/sqlite/worker-pool";

// Slow clients hold a connection, not the process: headers within 15 s, the whole request in 30 s.
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** Serves the built app in `root` on `port` (every interface) once Next.js is ready. */
async function serveApp(options: { root: string; port: number; databaseUrl: string; trustedProxies: string[] }): Promise<Server> {
  // Next.js and React pick their production builds from NODE_ENV when first loaded, as `next
  // start` sets it (Next's types mark it read-only for application code, which must not change it).
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: options.root, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const env = readEnv();
  const https = isHttpsAppUrl(env.APP_URL);
  // A page's background render after a change goes to this worker's own loopback listener
  // (lib/http/refresher.ts); the address it asks for carries the forwarded headers the request had.
  let refresher: Refresher | null = null;
  const cache = createResponseCache({
    version: dataVersionOf(options.databaseUrl),
    staleAfterRenderMs: env.STALE_AFTER_RENDER_MS,
    revalidate: (address) => refresher!.revalidate(address),
  });
  refresher = await startRefresher(createAppListener({ handle, cache: cache.refresher, trust: proxyTrust(["loopback"]), https }));
  const listener = createAppListener({ handle, cache, trust: proxyTrust(options.trustedProxies), direct: { "/api/viewer": viewerResponse }, https });
  const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }, listener);
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  return server;
}

/** One worker process: serves until told to stop, or until its supervisor is gone. */
async function serveWorker(root: string): Promise<void> {
  // Before anything could run inside a request: what connections and workers are opened in, and
  // what keeps one request from holding on to the next (lib/http/abort-reasons.ts).
  recordContextOutsideRequests();
  formatAbortReasonsAtOnce();
  const env = readEnv();
  // SQLite searches run in a thread of their own, so one heavy search holds no other request.
  // The worker's bundle sits beside this one (scripts/build.ts). One thread: two next to two
  // worker processes on two cores made the event loop wait more, not less.
  if (providerOf(env.DATABASE_URL) === "sqlite") startSearchWorkers({ entry: new URL("./search-worker.mjs", import.meta.url), size: 1 });
  const server = await serveApp({ root, port: env.PORT, databaseUrl: env.DATABASE_URL, trustedProxies: env.TRUSTED_PROXIES });
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void stopSearchWorkers();
    server.close(() => process.exit(code));
    server.closeIdleConnections();
    // Keep-alive connections of open browser tabs would otherwise hold the exit up.
    setTimeout(() => process.exit(code), 2_000).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(0));
  // The supervisor was killed: nothing would replace this worker or stop it later.
  process.on("disconnect", () => stop(0));
  // A rejection nobody waited for is logged; it leaves no state half-changed.
  process.on("unhandledRejection", (reason) => console.error("Unhandled rejection:", reason));
  // An exception outside any request may have left anything half-done: finish the requests in
  // flight and let the supervisor start a fresh process.
  process.on("uncaughtException", (error) => {
    console.error("Uncaught exception; this worker stops and is replaced:", error);
    stop(1);
  });
}

/**
 * `npm start`'s server: PORT and DATABASE_URL from the environment. The primary process
 * supervises WEB_CONCURRENCY workers (default: one per core); each worker serves.
 */
export async function serveFromEnv(root: string): Promise<void> {
  const env = readEnv();
  if (cluster.isPrimary) {
    const workers = env.WEB_CONCURRENCY ?? os.availableParallelism();
    superviseWorkers({ workers, readyMessage: `Daily Papers is ready on http://localhost:${env.PORT} (${workers} worker${workers === 1 ? "" : "s"})` });
    if (env.SYNC_EVERY) {
      // The sync command as `npm run sync` runs it, then the digests when email is set up.
      const schedule = scheduleSync({
        command: [process.execPath, "--import", "tsx", path.join(root, "lib", "sync", "cli.ts"), "--digest"],
        everyMs: env.SYNC_EVERY,
      });
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => schedule.stop());
      console.log(`Syncing ${env.SYNC_SOURCES.join(", ")} every ${env.SYNC_EVERY / 60_000} minutes, first in 30 s.`);
    }
    return;
  }
  await serveWorker(root);
}
