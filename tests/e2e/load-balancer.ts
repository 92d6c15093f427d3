import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { childEnv } from "../../lib/env";

// What tests/e2e/two-instances.spec.ts runs: `npm start` instances and Debian's nginx in front of
// them, with the site config of docs/deploy/nginx.conf, every file in a folder of the test's own.

const ROOT = path.join(import.meta.dirname, "..", "..");
/** The nginx site config that docs/deploy.md shows, with {{PLACEHOLDERS}}. */
export const NGINX_SITE_TEMPLATE = path.join(ROOT, "docs", "deploy", "nginx.conf");

/**
 * How long nginx keeps a failed instance out before it tries it again (the template's
 * fail_timeout): a test of the dead instance must outlast it to see nginx try it once more.
 */
export function upstreamFailTimeoutMs(): number {
  const seconds = /fail_timeout=(\d+)s/.exec(fs.readFileSync(NGINX_SITE_TEMPLATE, "utf8"))?.[1];
  if (!seconds) throw new Error(`No fail_timeout=Ns in ${NGINX_SITE_TEMPLATE}`);
  return Number(seconds) * 1000;
}

const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

export function findNginx(): string | null {
  return NGINX_CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

/**
 * `count` distinct ports nobody listens on now, from the kernel's ephemeral range (clear of the
 * suites' fixed ports): all held open at once, so no two are the same.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer().on("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** `template` with every {{NAME}} replaced by values[NAME]; a placeholder left without a value is an error. */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (placeholder, name: string) => {
    if (!(name in values)) throw new Error(`No value for ${placeholder} in the nginx template`);
    return String(values[name]);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers 200; `gone()` (the server's process ended) stops the wait early. */
async function waitForOk(url: string, { timeoutMs, gone, what }: { timeoutMs: number; gone: () => string | null; what: string }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reason = gone();
    if (reason) throw new Error(`${what} ended before it answered: ${reason}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

const exitReason = (child: ChildProcess, logFile: string) => () =>
  child.exitCode !== null || child.signalCode !== null ? `exit ${child.exitCode ?? child.signalCode}; see ${logFile}` : null;

/** SIGKILL to a whole process group (a process spawned with `detached: true` leads its own). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The state letter of a process from /proc (Linux), or null once it has been reaped. */
function processState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? null;
  } catch {
    return null;
  }
}

/** The processes of a group, from /proc: for `npm start`, npm, its shell, the supervisor and its workers. */
export function processGroup(pgid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid;
      } catch {
        return false; // ended while we looked
      }
    });
}

/** Until every one of `pids` has exited (a zombie counts: it holds no socket any more). */
export async function waitUntilGone(pids: number[], timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter((pid) => ![null, "Z", "X"].includes(processState(pid)));
    if (alive.length === 0) return;
    if (Date.now() > deadline) throw new Error(`Processes ${alive.join(", ")} still run ${timeoutMs} ms after SIGKILL`);
    await sleep(5);
  }
}

export type Instance = {
  name: string;
  port: number;
  origin: string;
  /** The process group's id: npm's pid. */
  pid: number;
  logFile: string;
  /** SIGKILL to the whole group (npm, the supervisor, its workers); resolves once all have exited. */
  kill(): Promise<void>;
};

/**
 * `npm start` exactly as docs/deploy.md runs an instance, in a process group of its own, once it
 * answers. `env` is the instance's configuration (DATABASE_URL, PORT, …).
 */
export async function startInstance(options: { name: string; port: number; env: Record<string, string>; logFile: string }): Promise<Instance> {
  const log = fs.openSync(options.logFile, "w");
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    env: childEnv({ ...options.env, PORT: String(options.port) }),
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  const origin = `http://127.0.0.1:${options.port}`;
  const instance: Instance = {
    name: options.name,
    port: options.port,
    origin,
    pid: child.pid!,
    logFile: options.logFile,
    async kill() {
      const members = processGroup(child.pid!);
      killGroup(child.pid!);
      await waitUntilGone(members);
    },
  };
  try {
    // The first start of a database migrates it and loads the sample; a stale build is rebuilt (~30 s).
    await waitForOk(`${origin}/api/papers?limit=1`, { timeoutMs: 180_000, gone: exitReason(child, options.logFile), what: `Instance ${options.name}` });
  } catch (error) {
    killGroup(child.pid!);
    throw error;
  }
  return instance;
}

/** One line of the access log the test's nginx writes. */
export type AccessLogEntry = {
  /** When nginx finished the request, in ms since the epoch. */
  at: number;
  method: string;
  uri: string;
  status: number;
  /** Every upstream tried, in order ("127.0.0.1:41234"); more than one when nginx moved on. */
  upstreams: string[];
  upstreamStatuses: string[];
};

export type Nginx = {
  origin: string;
  folder: string;
  accessLog(): AccessLogEntry[];
  errorLog(): string;
  stop(): void;
};

// The main context that Debian's /etc/nginx/nginx.conf gives the site file, with every path in
// the test's folder instead: nginx runs as an ordinary foreground process and needs no root
// paths. One worker is enough here, and it keeps the upstream state (max_fails) in one place.
const MAIN_CONFIG = `# Rendered by tests/e2e/load-balancer.ts around docs/deploy/nginx.conf.
daemon off;
worker_processes 1;
pid {{FOLDER}}/nginx.pid;
error_log {{FOLDER}}/error.log notice;

events {
    worker_connections 512;
}

http {
    log_format upstreams '$msec\\t$request_method\\t$uri\\t$status\\t$upstream_addr\\t$upstream_status';
    access_log {{FOLDER}}/access.log upstreams;
    client_body_temp_path {{FOLDER}}/temp/body;
    proxy_temp_path {{FOLDER}}/temp/proxy;
    fastcgi_temp_path {{FOLDER}}/temp/fastcgi;
    uwsgi_temp_path {{FOLDER}}/temp/uwsgi;
    scgi_temp_path {{FOLDER}}/temp/scgi;

    include {{FOLDER}}/daily-papers.conf;
}
`;

/**
 * nginx on `port` in front of the instances, configured by docs/deploy/nginx.conf, started in a
 * process group of its own once `nginx -t` accepts the rendered files and it answers through to
 * the app. `folder` receives the config, logs and temp files.
 */
export async function startNginx(options: { binary: string; folder: string; port: number; upstreamPorts: [number, number] }): Promise<Nginx> {
  const { binary, folder, port } = options;
  // Run as root, nginx's workers drop to `nobody`, who must reach the temp paths in here.
  fs.chmodSync(folder, 0o755);
  fs.mkdirSync(path.join(folder, "temp"), { recursive: true });
  const site = renderTemplate(fs.readFileSync(NGINX_SITE_TEMPLATE, "utf8"), {
    LISTEN: `127.0.0.1:${port}`,
    SERVER_NAME: "127.0.0.1 localhost",
    APP_PORT_A: options.upstreamPorts[0],
    APP_PORT_B: options.upstreamPorts[1],
  });
  fs.writeFileSync(path.join(folder, "daily-papers.conf"), site);
  const config = path.join(folder, "nginx.conf");
  fs.writeFileSync(config, renderTemplate(MAIN_CONFIG, { FOLDER: folder }));
  // -e: the error log before the config is read, which would otherwise be the compiled-in path.
  const args = ["-p", folder, "-c", config, "-e", path.join(folder, "error.log")];
  const check = spawnSync(binary, ["-t", ...args], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t refused the rendered config:\n${check.stderr}`);

  const logFile = path.join(folder, "nginx.out");
  const log = fs.openSync(logFile, "w");
  const child = spawn(binary, args, { stdio: ["ignore", log, log], detached: true });
  fs.closeSync(log);
  const origin = `http://127.0.0.1:${port}`;
  const readLog = (name: string) => (fs.existsSync(path.join(folder, name)) ? fs.readFileSync(path.join(folder, name), "utf8") : "");
  const nginx: Nginx = {
    origin,
    folder,
    accessLog: () => readLog("access.log").split("\n").filter(Boolean).map(parseAccessLogLine),
    errorLog: () => readLog("error.log"),
    stop: () => killGroup(child.pid!),
  };
  try {
    await waitForOk(`${origin}/api/papers?limit=1`, { timeoutMs: 10_000, gone: exitReason(child, logFile), what: "nginx" });
  } catch (error) {
    nginx.stop();
    throw new Error(`${(error as Error).message}\n${nginx.errorLog()}`);
  }
  return nginx;
}

function parseAccessLogLine(line: string): AccessLogEntry {
  const [msec, method, uri, status, upstreams, upstreamStatuses] = line.split("\t");
  // nginx separates the upstreams of one request with ", " (the next server) and " : " (an internal redirect).
  const list = (value: string | undefined) => (value ?? "").split(/, | : /).filter((entry) => entry && entry !== "-");
  return {
    at: Number(msec) * 1000,
    method: method ?? "",
    uri: uri ?? "",
    status: Number(status),
    upstreams: list(upstreams),
    upstreamStatuses: list(upstreamStatuses),
  };
}
