import type { ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip, type BrotliCompress, type Gzip } from "node:zlib";

// Answers are compressed in zlib's thread pool, never on the event loop, so one answer's
// compression holds no other request: the one a cache miss streams to its client as it is
// rendered, and the copies the response cache keeps, each made when a client first asks for it
// (a flood of distinct addresses from clients that ask for none costs no compression at all).

export type Encoding = "br" | "gzip";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
// Brotli's quality 11 takes ~100x longer than 5 for a few percent; 4 keeps a stream's pace. A
// 256 KB window (the default is 4 MB) holds a whole page and keeps each compressor's memory small.
const KEPT_BROTLI_QUALITY = 5;
const STREAM_BROTLI_QUALITY = 4;
const BROTLI_WINDOW_BITS = 18;
const COMPRESSIBLE = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript)|image\/svg\+xml)/;

/** A Vary header's value with `name` in it (once). */
export function addVary(vary: unknown, name: string): string {
  const names = typeof vary === "string" && vary ? vary.split(/\s*,\s*/) : [];
  return names.some((existing) => existing.toLowerCase() === name.toLowerCase()) ? names.join(", ") : [...names, name].join(", ");
}

/** The encoding a client asks for, best first: brotli, then gzip; null for neither (or `q=0`). */
export function preferredEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const accepted = String(acceptEncoding ?? "").toLowerCase();
  const allows = (name: Encoding) => new RegExp(`(^|[\\s,])${name}(?![\\w-])(?!\\s*;\\s*q=0(\\.0*)?(?![.\\d]))`).test(accepted);
  return allows("br") ? "br" : allows("gzip") ? "gzip" : null;
}

/** A kept answer's copy in one encoding, made off the event loop. */
export function compressedCopy(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === "gzip") return gzipAsync(body);
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: KEPT_BROTLI_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/**
 * From here on, what the app writes to `response` reaches the client compressed with `encoding`,
 * when the answer turns out to be a 200 of a text type (decided as its headers go out); anything
 * else passes as it is. Each write is flushed through, so a page that streams still streams.
 */
export function compressAsSent(response: ServerResponse, encoding: Encoding): void {
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const flushHeaders = response.flushHeaders.bind(response);
  let stream: Gzip | BrotliCompress | null | undefined;
  const decide = () => {
    if (stream !== undefined) return stream;
    const type = String(response.getHeader("content-type") ?? "");
    if (response.headersSent || response.statusCode !== 200 || response.getHeader("content-encoding") || !COMPRESSIBLE.test(type)) return (stream = null);
    response.removeHeader("content-length");
    response.setHeader("content-encoding", encoding);
    response.setHeader("vary", addVary(response.getHeader("vary"), "Accept-Encoding"));
    stream =
      encoding === "br"
        ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: STREAM_BROTLI_QUALITY, [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS } })
        : createGzip();
    stream.on("data", (chunk: Buffer) => write(chunk));
    stream.on("end", () => end());
    stream.on("error", () => response.destroy());
    return stream;
  };
  const chunkOf = (chunk: unknown, encodingArg: unknown) =>
    typeof chunk === "string" ? Buffer.from(chunk, typeof encodingArg === "string" ? (encodingArg as BufferEncoding) : "utf8") : (chunk as Uint8Array);
  response.flushHeaders = () => {
    decide();
    flushHeaders();
  };
  response.write = ((chunk: unknown, encodingArg?: unknown, callback?: unknown) => {
    const target = decide();
    if (!target) return write(chunk, encodingArg, callback);
    target.write(chunkOf(chunk, encodingArg));
    target.flush();
    const done = typeof encodingArg === "function" ? encodingArg : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    // zlib buffers what the client has not taken yet; an answer is at most a page of papers.
    return true;
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, encodingArg?: unknown, callback?: unknown) => {
    const target = decide();
    if (!target) return end(chunk, encodingArg, callback);
    const done = [chunk, encodingArg, callback].find((arg) => typeof arg === "function") as (() => void) | undefined;
    if (done) response.once("finish", done);
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") target.end(chunkOf(chunk, encodingArg));
    else target.end();
    return response;
  }) as ServerResponse["end"];
}
