import { spawn, type ChildProcess } from "node:child_process";

export type SyncSchedule = { stop(): void };

/**
 * Runs the sync command every `everyMs` in a child process of the supervisor (SYNC_EVERY): the
 * server's own processes never fetch, a sync that crashes takes nothing with it, and the lease in
 * the database keeps other instances' schedules from fetching at the same time. A run still going
 * when the next is due is left to finish; that turn is skipped. The first run comes soon after
 * start, so a new instance fills itself.
 */
export function scheduleSync(options: { command: string[]; everyMs: number; firstDelayMs?: number; log?: (line: string) => void }): SyncSchedule {
  const log = options.log ?? ((line: string) => console.log(line));
  let child: ChildProcess | null = null;
  let stopped = false;
  const runOnce = () => {
    if (stopped) return;
    if (child) return log("sync: the previous run is still going; this turn is skipped.");
    const [file, ...args] = options.command;
    const started = spawn(file!, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    for (const stream of [started.stdout, started.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (text: string) => {
        for (const line of text.split("\n")) if (line.trim()) log(`sync: ${line}`);
      });
    }
    started.on("error", (error) => log(`sync: could not start (${error.message})`));
    started.on("close", (code, signal) => {
      child = null;
      if (code !== 0) log(`sync: ended with ${signal ? `signal ${signal}` : `exit code ${code}`}; the next run tries again.`);
    });
  };
  const first = setTimeout(runOnce, options.firstDelayMs ?? 30_000);
  const every = setInterval(runOnce, options.everyMs);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      child?.kill("SIGTERM");
    },
  };
}
