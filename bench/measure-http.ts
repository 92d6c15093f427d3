import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { processTreeRss, type BenchServer } from "./server";

export type PathFigures = { reqPerSec: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
export type HttpFigures = { paths: Record<string, PathFigures>; staticPath: string; staticReqPerSec: number; feedJsGzipBytes: number; peakRssBytes: number };

const CONNECTIONS = 10;

async function load(url: string, seconds: number): Promise<PathFigures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return { reqPerSec: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * The JavaScript the feed page makes a browser load: every script chunk it names, gzipped
 * (not the noModule polyfills, which current browsers skip).
 */
async function feedJsGzipBytes(origin: string): Promise<number> {
  const html = await (await fetch(`${origin}/`)).text();
  const tags = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].filter((match) => !/\bnomodule\b/i.test(match[0]));
  const sources = [...new Set(tags.map((match) => match[1]!))];
  let total = 0;
  for (const source of sources) total += gzipSync(Buffer.from(await (await fetch(new URL(source, origin))).arrayBuffer())).length;
  return total;
}

/**
 * Throughput and latency of each path at 10 connections with autocannon, one path at a time,
 * after a short warm-up; the server's memory (its whole process tree) sampled throughout.
 */
export async function measureHttp(server: BenchServer, options: { paths: string[]; staticPath: string; seconds: number }): Promise<HttpFigures> {
  let peakRssBytes = processTreeRss(server.pid);
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, processTreeRss(server.pid));
  }, 250);
  try {
    const paths: Record<string, PathFigures> = {};
    for (const path of [...options.paths, options.staticPath]) {
      await load(`${server.origin}${path}`, 1);
      paths[path] = await load(`${server.origin}${path}`, options.seconds);
    }
    const staticFigures = paths[options.staticPath]!;
    delete paths[options.staticPath];
    return { paths, staticPath: options.staticPath, staticReqPerSec: staticFigures.reqPerSec, feedJsGzipBytes: await feedJsGzipBytes(server.origin), peakRssBytes };
  } finally {
    clearInterval(sampler);
  }
}
