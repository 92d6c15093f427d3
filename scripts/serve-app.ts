// The production server: Next.js's request handler behind the response cache
// (lib/http/response-cache.ts), in one process. Bundled by scripts/build.ts into
// .next/daily-papers/serve-app.mjs so that `npm start` (scripts/start.mjs) runs it on plain
// Node.js, without a TypeScript loader.
import { createServer, type Server } from "node:http";
import { dataVersion } from "../lib/db/data-version";
import { providerOf } from "../lib/db/url";
import { readEnv } from "../lib/env";
import { createResponseCache } from "../lib/http/response-cache";

/** Serves the built app in `root` on `port` (every interface) once Next.js is ready. */
export async function serveApp(options: { root: string; port: number; databaseUrl: string }): Promise<Server> {
  // Next.js and React pick their production builds from NODE_ENV when first loaded, as `next
  // start` sets it (Next's types mark it read-only for application code, which must not change it).
  (process.env as Record<string, string>).NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: options.root, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const database = { provider: providerOf(options.databaseUrl), url: options.databaseUrl };
  const cache = createResponseCache({ version: () => dataVersion(database) });
  const server = createServer((request, response) => cache.handle(request, response, () => handle(request, response)));
  await new Promise<void>((resolve) => server.listen(options.port, resolve));
  console.log(`Daily Papers is ready on http://localhost:${options.port}`);
  return server;
}

/** `npm start`'s server: PORT and DATABASE_URL from the environment; stops on SIGINT/SIGTERM. */
export async function serveFromEnv(root: string): Promise<void> {
  const env = readEnv();
  const server = await serveApp({ root, port: env.PORT, databaseUrl: env.DATABASE_URL });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      // Keep-alive connections of open browser tabs would otherwise hold the exit up.
      setTimeout(() => process.exit(0), 2_000).unref();
    });
  }
}
