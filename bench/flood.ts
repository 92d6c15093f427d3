import autocannon from "autocannon";
import { sampleMemory, type MemoryPeaks } from "./server";

export type FloodFigures = MemoryPeaks & {
  requests: number;
  /** Answers by status code, over every path. */
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
};

/** Each request's own junk parameter: a serial number and enough filler for a ~14 KB URL. */
const FILLER = "x".repeat(14_000);

/**
 * A different client for each request, as a botnet would be (per-address rate limits do not
 * hold it back): an address of the benchmarking range 198.18.0.0/15 (RFC 2544) in
 * X-Forwarded-For, which a server started with TRUSTED_PROXIES=loopback believes.
 */
export function anotherClient(serial: number): Record<string, string> {
  return { "x-forwarded-for": `198.${18 + ((serial >> 16) & 1)}.${(serial >> 8) & 255}.${serial & 255}` };
}

/**
 * What an anonymous script can do to memory with nothing but GETs: `requestsPerPath` requests to
 * each path, every one a new address (a fresh query parameter of ~14 KB, below Node's 16 KB
 * header limit) from a different client, 32 at once, while the server's memory is sampled.
 */
export async function floodDistinctUrls(options: { origin: string; pid: number; paths: string[]; requestsPerPath: number }): Promise<FloodFigures> {
  const memory = sampleMemory(options.pid);
  const statuses: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  const started = Date.now();
  let peaks: MemoryPeaks;
  try {
    for (const path of options.paths) {
      let serial = 0;
      const separator = path.includes("?") ? "&" : "?";
      const result = await autocannon({
        url: options.origin,
        connections: 32,
        amount: options.requestsPerPath,
        timeout: 30,
        requests: [
          {
            method: "GET",
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, ...anotherClient(serial) },
              path: `${path}${separator}p${serial++}=${FILLER}`,
            }),
          },
        ],
      });
      requests += result.requests.total;
      errors += result.errors;
      for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = (statuses[status] ?? 0) + Number(count);
    }
  } finally {
    peaks = memory.stop();
  }
  return { requests, statuses, errors, seconds: (Date.now() - started) / 1000, ...peaks };
}
