// A stand-in search worker for the pool's failure tests (tests/integration/search-workers.test.ts).
// It speaks the real worker's protocol (lib/db/sqlite/worker-pool.ts) and does what the task's input
// asks: { stall: ms } keeps the thread in SQLite for that long (recursive counts back to back, as
// synchronous as one long FTS5 query), { exit: code } ends the thread, { throw: message } throws
// outside any handler, { hang: true } never answers; anything else is answered at once.
import { parentPort, threadId } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";

const connection = new BetterSqlite3(":memory:");
const count = connection.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT count(*) FROM c").pluck();

const CHUNK_ROWS = 100_000;

parentPort.on("message", (request) => {
  const input = request.input ?? {};
  if (input.exit !== undefined) process.exit(input.exit);
  if (input.throw !== undefined)
    return setImmediate(() => {
      throw new Error(input.throw);
    });
  if (input.hang) return;
  if (input.stall !== undefined) {
    const begun = performance.now();
    while (performance.now() - begun < input.stall) count.get(CHUNK_ROWS);
    return parentPort.postMessage({ id: request.id, ok: true, value: { ms: performance.now() - begun, threadId } });
  }
  parentPort.postMessage({ id: request.id, ok: true, value: { echo: input } });
});
