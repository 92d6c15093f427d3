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
 * What an anonymous script can do to memory with nothing but GETs: `requestsPerPath` requests to
 * each path, every one a new address (a fresh query parameter of ~14 KB, below Node's 16 KB
 * header limit), 32 at once, while the server's memory is sampled.
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
        requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: `${path}${separator}p${serial++}=${FILLER}` }) }],
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
