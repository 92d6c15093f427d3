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

/** `npm start`'s server (scripts/start.mjs) against a database, once it answers. */
export async function startServer({ databaseUrl, logFile }: { databaseUrl: string; logFile: string }): Promise<BenchServer> {
  const port = await freePort();
  const root = path.join(import.meta.dirname, "..");
  const log = fs.openSync(logFile, "w");
  // Its own process group, so stopping it stops anything it spawned too.
  const child = spawn(process.execPath, startArguments(root), {
    cwd: root,
    env: childEnv({ DATABASE_URL: databaseUrl, PORT: String(port) }),
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
    const ready = await fetch(`${origin}/api/papers?limit=1`).then((response) => response.ok, () => false);
    if (ready) return { origin, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error(`The server did not answer within 120 s; see ${logFile}.`);
}

/** Resident memory of a process and all its descendants, from /proc (Linux). */
export function processTreeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const queue = [pid]; queue.length > 0; ) {
    const current = queue.pop()!;
    queue.push(...(children.get(current) ?? []));
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${current}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // ended
    }
  }
  return total;
}
