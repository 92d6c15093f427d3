// A search worker thread (lib/db/sqlite/worker-pool.ts): runs search's heavy SQLite reads on its own
// read-only connection, one at a time, and answers each request with its result or its error.
// Bundled by scripts/build.ts into .next/daily-papers/search-worker.mjs; under Vitest and tsx it
// runs as it is, with tsx's loader.
import { parentPort } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import { SQLITE_MMAP_BYTES } from "./connection";
import { sqliteFilePath } from "../url";
import { runSqliteTask } from "./search-tasks";
import type { WorkerReply, WorkerRequest } from "./worker-pool";

// A worker serves the app's one database; tests open many, so only the latest few stay open.
const MAX_CONNECTIONS = 4;
const connections = new Map<string, BetterSqlite3.Database>();

function connectionTo(url: string): BetterSqlite3.Database {
  let connection = connections.get(url);
  if (connection) {
    connections.delete(url);
  } else {
    // Read-only: nothing a search does here can write, and it never takes the write lock.
    connection = new BetterSqlite3(sqliteFilePath(url), { readonly: true, fileMustExist: true, timeout: 10_000 });
    connection.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  }
  connections.set(url, connection);
  if (connections.size > MAX_CONNECTIONS) {
    const [oldest, stale] = connections.entries().next().value!;
    connections.delete(oldest);
    stale.close();
  }
  return connection;
}

if (!parentPort) throw new Error("lib/db/sqlite/search-worker.ts runs as a worker thread (lib/db/sqlite/worker-pool.ts).");
const port = parentPort;

port.on("message", (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, ok: true, value: runSqliteTask(connectionTo(request.url), request.task, request.input as never) };
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    const status = "status" in error && typeof error.status === "number" ? error.status : undefined;
    reply = { id: request.id, ok: false, error: { name: error.name, message: error.message, status } };
  }
  port.postMessage(reply);
});
