import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { childEnv } from "../lib/env";

export type BenchServer = { origin: string; pid: number; stop(): void };

// The ports this benchmark may use (3000 is `npm start`'s, 3217 the browser tests').
const PORTS = { from: 3400, to: 3499 };

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  for (let port = PORTS.from; port <= PORTS.to; port++) if (await portIsFree(port)) return port;
  throw new Error(`No free port from ${PORTS.from} to ${PORTS.to}.`);
}

/**
 * The arguments `npm start` gives Node.js (package.json's "start": "node <flags> scripts/start.mjs"),
 * so the server measured runs with the same memory settings without npm's own process around it.
 */
function startArguments(root: string): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== "node") throw new Error(`package.json's start script should run node, not ${command}`);
  return args;
}

/** The project, whose build (.next/) the server serves. */
export const APP_ROOT = path.join(import.meta.dirname, "..");

/** `npm start`'s server (scripts/start.mjs) against a database, once it answers; `env` adds settings. */
export async function startServer({
  databaseUrl,
  logFile,
  env = {},
}: {
  databaseUrl: string;
  logFile: string;
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const port = await freePort();
  const root = APP_ROOT;
  const log = fs.openSync(logFile, "w");
  // Its own process group, so stopping it stops anything it spawned too.
  const child = spawn(process.execPath, startArguments(root), {
    cwd: root,
    env: childEnv({ ...env, DATABASE_URL: databaseUrl, PORT: String(port) }),
    stdio: ["ignore", log, log],
    detached: true,
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}); see ${logFile}.`);
    const ready = await fetch(`${origin}/api/papers?limit=1`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { origin, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error(`The server did not answer within 120 s; see ${logFile}.`);
}

/** The ids of a process's children, from /proc (Linux): the workers of `npm start`'s supervisor. */
export function childProcesses(pid: number): number[] {
  return processTree(pid).filter((id) => id !== pid && parentOf(id) === pid);
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null; // the process ended while we looked
  }
}

/** A process and all its descendants. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  for (const queue = [pid]; queue.length > 0;) {
    const current = queue.pop()!;
    tree.push(current);
    queue.push(...(children.get(current) ?? []));
  }
  return tree;
}

/** Resident memory of one process, from /proc (Linux); 0 once it has ended. */
export function processRss(pid: number): number {
  return statusKilobytes(pid, "VmRSS") * 1024;
}

/**
 * Anonymous resident memory (`RssAnon`): what the process itself allocated (its JavaScript heap,
 * buffers, SQLite's page cache), without the pages of files it maps — at a million papers SQLite's
 * 2 GB mmap of a 2.6 GB database makes RSS grow with every page a search touches, pages the
 * kernel shares with every process and its page cache and can drop at any time.
 */
export function processAnonRss(pid: number): number {
  return statusKilobytes(pid, "RssAnon") * 1024;
}

function statusKilobytes(pid: number, field: string): number {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return Number(kb ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory of a process and all its descendants. */
export function processTreeRss(pid: number): number {
  return processTree(pid).reduce((total, id) => total + processRss(id), 0);
}

export type MemoryPeaks = { peakRssBytes: number; peakWorkerRssBytes: number; peakWorkerAnonBytes: number };

/**
 * Samples a server's memory every `everyMs` until stopped: the largest its whole tree grew
 * (supervisor and workers) and the largest any one worker grew.
 */
export function sampleMemory(pid: number, everyMs = 200): { stop(): MemoryPeaks } {
  const peaks: MemoryPeaks = { peakRssBytes: 0, peakWorkerRssBytes: 0, peakWorkerAnonBytes: 0 };
  const sample = () => {
    peaks.peakRssBytes = Math.max(peaks.peakRssBytes, processTreeRss(pid));
    for (const worker of childProcesses(pid)) {
      peaks.peakWorkerRssBytes = Math.max(peaks.peakWorkerRssBytes, processRss(worker));
      peaks.peakWorkerAnonBytes = Math.max(peaks.peakWorkerAnonBytes, processAnonRss(worker));
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}
