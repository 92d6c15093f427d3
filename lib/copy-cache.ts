/**
 * A place to keep what a module makes once (the database, the auth instance), and where it lives.
 *
 * Normally it belongs to this copy of the module. In `npm start` each worker runs two copies of
 * lib/: the server's bundle (which answers /api/viewer itself, scripts/serve-app.ts) and Next.js's
 * chunks. Each copy has its own classes (Prisma's errors, rate-limiter-flexible's RateLimiterRes,
 * lib/errors.ts), so an object one copy made throws errors the other's `instanceof` does not know:
 * when they shared one database, a refused sign-in was answered 500 instead of 429 whenever the
 * viewer answer happened to open the database first.
 *
 * Under `next dev`, which evaluates modules again on every change, it is kept on globalThis
 * instead, so reloads reuse one connection pool rather than opening another each time.
 */
export function copyCache<T>(name: string): { value?: T } {
  if (process.env.NODE_ENV !== "development") return {};
  const registry = globalThis as typeof globalThis & { dailyPapersDevCaches?: Record<string, { value?: unknown }> };
  const caches = (registry.dailyPapersDevCaches ??= {});
  return (caches[name] ??= {}) as { value?: T };
}
