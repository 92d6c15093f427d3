import cluster, { type Worker } from "node:cluster";

// One Node.js process serves requests on one core, and one that dies takes every request it
// holds with it. The supervisor is the primary process of a node:cluster: it forks the workers
// that serve (the kernel's connections are handed to them round-robin), replaces one that dies at
// once, and on SIGTERM/SIGINT stops them and then itself. It runs no app code, so nothing a
// request does can end it.

export type SupervisorOptions = {
  workers: number;
  /** Said once, when every worker first listens. */
  readyMessage: string;
  log?: (line: string) => void;
};

// A worker that dies within this long of starting is failing to boot (a bad build, a database it
// cannot open): it is still replaced, but after a pause, so a broken deployment does not spin.
const BOOT_WINDOW_MS = 5_000;
const BOOT_RETRY_DELAY_MS = 1_000;
const STOP_GRACE_MS = 5_000;

/** In the primary process: keeps `workers` worker processes running until told to stop. */
export function superviseWorkers(options: SupervisorOptions): void {
  const log = options.log ?? ((line: string) => console.log(line));
  const startedAt = new Map<Worker, number>();
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
  };

  cluster.on("exit", (worker, code, signal) => {
    const bornAt = startedAt.get(worker) ?? 0;
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    const cause = signal ? `signal ${signal}` : `exit code ${code}`;
    const bootFailure = Date.now() - bornAt < BOOT_WINDOW_MS;
    log(`Worker ${worker.process.pid} ended (${cause}); starting another${bootFailure ? " in 1 s" : ""}.`);
    if (bootFailure) setTimeout(() => !stopping && fork(), BOOT_RETRY_DELAY_MS);
    else fork();
  });

  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === options.workers) log(options.readyMessage);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      if (startedAt.size === 0) process.exit(0);
      for (const worker of startedAt.keys()) worker.process.kill("SIGTERM");
      // A worker that does not finish its requests in time is not waited for.
      setTimeout(() => {
        for (const worker of startedAt.keys()) worker.process.kill("SIGKILL");
        process.exit(0);
      }, STOP_GRACE_MS).unref();
    });
  }

  for (let index = 0; index < options.workers; index++) fork();
}
