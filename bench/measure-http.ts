import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { APP_ROOT, sampleMemory, type BenchServer, type MemoryPeaks } from "./server";

export type PathFigures = { reqPerSec: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
export type HttpFigures = MemoryPeaks & {
  paths: Record<string, PathFigures>;
  staticPath: string;
  staticReqPerSec: number;
  feedJs: { gzipBytes: number; appGzipBytes: number };
};

const CONNECTIONS = 10;
/** How the signed-in measurement of a path is named in the results. */
export const SIGNED_IN = "(signed in)";
/** How the viewer answer's measurement is named in the results. */
export const VIEWER_ANSWER = "/api/viewer (signed in)";

async function load(url: string, seconds: number, headers: Record<string, string> = {}): Promise<PathFigures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return { reqPerSec: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * The JavaScript the feed page makes a browser load: every script chunk it names, gzipped
 * (not the noModule polyfills, which current browsers skip), and the part that is the app's own:
 * whatever is not among the build's `rootMainFiles`, the chunks every App Router page loads
 * (React, React DOM, Next.js's client runtime), which are the floor no page goes below.
 */
async function feedJs(origin: string): Promise<{ gzipBytes: number; appGzipBytes: number }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(APP_ROOT, ".next", "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const floor = new Set(manifest.rootMainFiles.map((file) => `/_next/${file}`));
  const html = await (await fetch(`${origin}/`)).text();
  const tags = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].filter((match) => !/\bnomodule\b/i.test(match[0]));
  const sources = [...new Set(tags.map((match) => match[1]!))];
  if (!sources.some((source) => floor.has(new URL(source, origin).pathname)))
    throw new Error("The feed page names none of the build's rootMainFiles: the split below would be wrong.");
  let gzipBytes = 0;
  let appGzipBytes = 0;
  for (const source of sources) {
    const bytes = gzipSync(Buffer.from(await (await fetch(new URL(source, origin))).arrayBuffer())).length;
    gzipBytes += bytes;
    if (!floor.has(new URL(source, origin).pathname)) appGzipBytes += bytes;
  }
  return { gzipBytes, appGzipBytes };
}

/** A new account's session cookie, signed up through the app's own API as a browser would. */
export async function signedInCookie(origin: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ name: "Bench", email: `bench-${Date.now()}@example.org`, password: "bench-password-0123" }),
  });
  if (!response.ok) throw new Error(`Signing up for the signed-in measurement failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((pair) => pair.split(";")[0])
    // Not the write mark (lib/http/write-mark.ts): a reader who has just written sees fresh renders only.
    .filter((pair) => !pair!.startsWith("dp_wrote="))
    .join("; ");
  const viewer = (await (await fetch(`${origin}/api/viewer`, { headers: { cookie } })).json()) as { user: unknown };
  if (!viewer.user) throw new Error("The session cookie from sign-up does not sign the benchmark in.");
  return cookie;
}

/**
 * Throughput and latency of each path at 10 connections with autocannon, one path at a time,
 * after a short warm-up; the server's memory (its whole process tree, and each worker) sampled throughout.
 */
export async function measureHttp(
  server: BenchServer,
  options: { paths: string[]; signedInPaths: string[]; cookie: string; viewerPapers: string[]; staticPath: string; seconds: number },
): Promise<HttpFigures> {
  const memory = sampleMemory(server.pid);
  try {
    const paths: Record<string, PathFigures> = {};
    for (const path of [...options.paths, options.staticPath]) {
      await load(`${server.origin}${path}`, 1);
      paths[path] = await load(`${server.origin}${path}`, options.seconds);
    }
    // Signed in, a page is the same bytes as signed out; the reader's name and votes come from
    // the viewer answer, asked for once per page load (with the feed's papers, as the page does).
    const headers = { cookie: options.cookie };
    const viewer = `/api/viewer?papers=${options.viewerPapers.map(encodeURIComponent).join(",")}`;
    for (const [name, path] of [...options.signedInPaths.map((path) => [`${path} ${SIGNED_IN}`, path]), [VIEWER_ANSWER, viewer]] as const) {
      await load(`${server.origin}${path}`, 1, headers);
      paths[name] = await load(`${server.origin}${path}`, options.seconds, headers);
    }
    const staticFigures = paths[options.staticPath]!;
    delete paths[options.staticPath];
    return {
      paths,
      staticPath: options.staticPath,
      staticReqPerSec: staticFigures.reqPerSec,
      feedJs: await feedJs(server.origin),
      ...memory.stop(),
    };
  } finally {
    memory.stop();
  }
}
