import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";
import { AppError, SearchUnavailableError } from "../../errors";
import { outsideRequests } from "../../http/outside-requests";
import { runSqliteTask, type SqliteTaskInput, type SqliteTaskName, type SqliteTaskResult } from "./search-tasks";

/**
 * Search's heavy SQLite reads off the event loop. better-sqlite3 is synchronous and cannot
 * interrupt a statement (it is built without the progress callback), so a search that takes
 * 100 ms holds every other request for 100 ms. Here each one runs in a worker thread with its
 * own read-only connection; the main thread only waits. The production server turns the workers
 * on at start (startSearchWorkers); without that (tests, `next dev`, the command line) tasks run
 * inline, as before.
 *
 * The pool lives on globalThis: Next.js bundles lib/ into its own chunks, apart from the
 * server's bundle that registers the pool, and both must find the same one.
 */

export type SearchWorkerOptions = {
  /** The worker's entry module: the bundled lib/db/sqlite/search-worker.ts (.next/daily-papers/search-worker.mjs). */
  entry: string | URL;
  /** Worker threads (each one search at a time). */
  size?: number;
  /** A task running longer than this is given up: its worker is terminated and replaced. */
  timeoutMs?: number;
  /** Tasks waiting for a worker beyond this many are refused at once ("busy"), not queued. */
  maxQueue?: number;
  /** Node.js options for the workers (tests: ["--import", "tsx"] to run the .ts entry). */
  execArgv?: string[];
};

/** What crosses to a worker and back (lib/db/sqlite/search-worker.ts speaks it too). */
export type WorkerRequest = { id: number; url: string; task: SqliteTaskName; input: unknown };
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; status?: number } };

type Job = { request: WorkerRequest; resolve(value: unknown): void; reject(error: unknown): void; timer?: ReturnType<typeof setTimeout> };
type Slot = { worker: Worker | null; job: Job | null };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_QUEUE = 64;

export class SearchWorkerPool {
  readonly size: number;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers started in all (the first ones and every replacement), and tasks answered: for tests and logs. */
  started = 0;
  answered = 0;

  constructor(private readonly options: SearchWorkerOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? 1));
    this.slots = Array.from({ length: this.size }, () => ({ worker: null, job: null }));
  }

  /** Runs a task in a worker against the SQLite database at `url`. */
  run<Name extends SqliteTaskName>(url: string, task: Name, input: SqliteTaskInput<Name>): Promise<SqliteTaskResult<Name>> {
    if (this.closed) return Promise.reject(new Error("The search workers are stopped."));
    return new Promise((resolve, reject) => {
      const job: Job = { request: { id: this.nextId++, url, task, input }, resolve: resolve as (value: unknown) => void, reject };
      const idle = this.slots.find((slot) => slot.job === null);
      if (idle) return this.dispatch(idle, job);
      if (this.queue.length >= (this.options.maxQueue ?? DEFAULT_MAX_QUEUE)) {
        return reject(new SearchUnavailableError("Search is busy right now; try again in a moment."));
      }
      this.queue.push(job);
    });
  }

  /** Stops every worker; waiting and running tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error("The search workers are stopped.");
    for (const job of this.queue.splice(0)) job.reject(stopped);
    await Promise.all(
      this.slots.map(async (slot) => {
        const { worker, job } = slot;
        slot.worker = null;
        slot.job = null;
        if (job) this.settle(job, () => job.reject(stopped));
        await worker?.terminate();
      }),
    );
  }

  private dispatch(slot: Slot, job: Job): void {
    let worker: Worker;
    try {
      worker = slot.worker ??= this.spawn(slot);
    } catch (error) {
      // Options the Worker constructor refuses: this task fails, the slot stays free.
      job.reject(error);
      return this.next(slot);
    }
    slot.job = job;
    worker.ref();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    job.timer = setTimeout(() => {
      // The statement cannot be interrupted: the worker is ended instead, and replaced on demand.
      this.retire(
        slot,
        new SearchUnavailableError(`This search took longer than ${Math.round(timeoutMs / 1000)} s and was stopped; try fewer or rarer words.`),
      );
      void worker.terminate();
    }, timeoutMs);
    try {
      worker.postMessage(job.request);
    } catch (error) {
      // An input that cannot be cloned: this task fails, the worker is fine.
      slot.job = null;
      this.settle(job, () => job.reject(error));
      this.next(slot);
    }
  }

  private spawn(slot: Slot): Worker {
    // Replacing a stopped worker happens during some search; the new one must not keep that request alive.
    const worker = outsideRequests(() => new Worker(this.options.entry, { execArgv: this.options.execArgv, name: "daily-papers-search" }));
    this.started++;
    worker.on("message", (reply: WorkerReply) => {
      const job = slot.job;
      if (slot.worker !== worker || !job || job.request.id !== reply.id) return;
      slot.job = null;
      this.answered++;
      this.settle(job, () => (reply.ok ? job.resolve(reply.value) : job.reject(rebuildError(reply.error))));
      this.next(slot);
    });
    // An uncaught error in the worker is followed by its exit; the exit is what is handled.
    worker.on("error", (error) => {
      if (slot.worker === worker) this.retire(slot, new Error(`The search worker failed: ${error.message}`, { cause: error }));
    });
    worker.on("exit", (code) => {
      if (slot.worker === worker) this.retire(slot, new Error(`The search worker stopped (exit code ${code}).`));
    });
    return worker;
  }

  /** Drops a slot's worker (it died or is being terminated), fails its task, and moves on. */
  private retire(slot: Slot, error: Error): void {
    const { worker, job } = slot;
    slot.worker = null;
    slot.job = null;
    worker?.removeAllListeners("message");
    if (job) this.settle(job, () => job.reject(error));
    if (!this.closed) this.next(slot);
  }

  private settle(job: Job, finish: () => void): void {
    clearTimeout(job.timer);
    finish();
  }

  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job) return this.dispatch(slot, job);
    // An idle worker does not keep the process alive.
    slot.worker?.unref();
  }
}

function rebuildError(error: { name: string; message: string; status?: number }): Error {
  const rebuilt = error.status ? new AppError(error.message, error.status) : new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

// Kept on globalThis: the server bundle that registers the pool and Next.js's chunks that search
// each hold their own copy of this module.
const registry = globalThis as typeof globalThis & { dailyPapersSearchWorkers?: SearchWorkerPool };

/**
 * Turns the search workers on for this process (the production server calls it once at start,
 * before serving): from then on searches on SQLite run their heavy reads in `size` worker
 * threads. Replaces (and stops) a pool registered before.
 */
export function startSearchWorkers(options: SearchWorkerOptions): SearchWorkerPool {
  void registry.dailyPapersSearchWorkers?.close();
  const pool = new SearchWorkerPool(options);
  registry.dailyPapersSearchWorkers = pool;
  return pool;
}

/** Stops the search workers; searches run inline again. */
export async function stopSearchWorkers(): Promise<void> {
  const pool = registry.dailyPapersSearchWorkers;
  delete registry.dailyPapersSearchWorkers;
  await pool?.close();
}

/** The registered pool, if any. */
export function searchWorkers(): SearchWorkerPool | null {
  return registry.dailyPapersSearchWorkers ?? null;
}

/**
 * Runs one of search's SQLite tasks (lib/db/sqlite/search-tasks.ts) in a worker thread when the
 * workers are on, else inline on the database's own connection. SQLite only.
 */
export async function runSearchOffThread<Name extends SqliteTaskName>(
  database: { url: string; connection(): BetterSqlite3.Database },
  task: Name,
  input: SqliteTaskInput<Name>,
): Promise<SqliteTaskResult<Name>> {
  const pool = registry.dailyPapersSearchWorkers;
  if (!pool) return runSqliteTask(database.connection(), task, input);
  try {
    return await pool.run(database.url, task, input);
  } catch (error) {
    throw ownError(error);
  }
}

/**
 * The pool may come from another copy of this module (the server's bundle), whose AppError is not
 * this copy's: an error with a status is made again here, so that routes map it to its status.
 */
function ownError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error) || !("status" in error) || typeof error.status !== "number") return error;
  return error.status === 503 ? new SearchUnavailableError(error.message) : new AppError(error.message, error.status);
}
