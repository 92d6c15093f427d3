import fs from "node:fs";
import { Readable } from "node:stream";

/** Where an ingest reads from: a file, an http(s) URL, or standard input ("-"). */
export type Source = { name: string; totalBytes: number | null; chunks: AsyncIterable<Buffer> };

export class SourceError extends Error {}

export async function openSource(spec: string, options: { stdin?: NodeJS.ReadableStream; fetchTimeoutMs?: number } = {}): Promise<Source> {
  if (spec === "-") {
    return { name: "standard input", totalBytes: null, chunks: (options.stdin ?? process.stdin) as AsyncIterable<Buffer> };
  }
  if (/^https?:\/\//i.test(spec)) return openUrl(spec, options.fetchTimeoutMs ?? 60_000);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(spec);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(code === "ENOENT" ? `No such file: ${spec}` : `Cannot read ${spec}: ${(error as Error).message}`);
  }
  if (stat.isDirectory()) throw new SourceError(`${spec} is a folder, not a file`);
  try {
    fs.accessSync(spec, fs.constants.R_OK);
  } catch {
    throw new SourceError(`Cannot read ${spec}: permission denied`);
  }
  return { name: spec, totalBytes: stat.size, chunks: fs.createReadStream(spec) };
}

async function openUrl(url: string, timeoutMs: number): Promise<Source> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message;
    throw new SourceError(`Cannot fetch ${url}: ${reason}`);
  }
  if (!response.ok || !response.body) throw new SourceError(`Cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get("content-length"));
  return {
    name: url,
    totalBytes: Number.isFinite(length) && length > 0 ? length : null,
    chunks: Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>),
  };
}
