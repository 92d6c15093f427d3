import { AsyncResource } from "node:async_hooks";

// Node.js gives every socket, timer and worker the async context it was created in, and Next.js
// keeps a request's whole state (its render, its response and everything the render buffered) in
// that context. A connection a request happens to open outlives it, so it held that request's
// state for as long as it stayed open; worse, the request's state holds React's abort-reason
// Errors, whose unread stacks hold the setImmediate callbacks that ran then, each linked to the
// next one queued, each holding the state of another request. Under a flood on PostgreSQL (every
// pool connection opened by some request) a worker kept every request it served and ran out of
// heap. Long-lived resources are therefore created in the context the server had before it took
// its first request.

// On globalThis: the server's own bundle records the context, and Next.js's chunks, which hold
// their own copy of lib/, use it.
const registry = globalThis as typeof globalThis & { dailyPapersOutsideRequests?: AsyncResource };

/** Called by the server process once, before it serves: the context long-lived resources are made in. */
export function recordContextOutsideRequests(): void {
  registry.dailyPapersOutsideRequests ??= new AsyncResource("daily-papers:outside-requests");
}

/**
 * Runs `create` (which opens a connection, starts a worker…) in the context recorded before the
 * first request, so what it creates keeps no request alive. Where nothing was recorded (tests,
 * command-line tools, `next dev`), it runs as it is.
 */
export function outsideRequests<T>(create: () => T): T {
  const context = registry.dailyPapersOutsideRequests;
  return context ? context.runInAsyncScope(create) : create();
}
