/**
 * Fetching from someone else's server the way they ask: one request at a time per host, a pause
 * between the end of one and the start of the next (arXiv's published rule is one request every
 * 3 seconds, retries included), a timeout, a cap on the answer's size, and retries on 429 and 5xx
 * that wait as long as the server says (Retry-After in seconds or as a date, or Hugging Face's
 * `RateLimit: "api";r=0;t=N`), else with a growing backoff.
 *
 * Written here rather than taken from a library: the retry libraries that run on Node 20 (ky 1,
 * p-retry 7) neither space requests from the end of the previous one nor read Hugging Face's
 * RateLimit header, and both of those are the point (docs/sync.md).
 */

export type PolitePolicy = {
  /** The least time from the end of one request to this host to the start of the next. */
  intervalMs: number;
  /** How long one attempt may take, answer read in full. */
  timeoutMs: number;
  /** An answer longer than this is refused (and not retried). */
  maxBytes: number;
  /** Attempts after the first, for 429, 5xx, timeouts, cut-off answers and network errors. */
  retries: number;
  /** The first backoff when the server says nothing; doubled for each further attempt. */
  backoffMs: number;
  /** A server asking to wait longer than this fails the request instead (the next run tries again). */
  maxWaitMs: number;
};

export class FetchFailedError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
  }
}

type Clock = { now(): number; sleep(ms: number): Promise<void> };
const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** Why an attempt failed, and whether (and after how long, if the server said) it may be tried again. */
type Failure = { reason: string; retry: boolean; waitMs?: number };

export type PoliteFetch = (url: string, policy: PolitePolicy) => Promise<string>;

/**
 * A fetcher for text answers, each request under its source's policy. Requests to one host queue
 * behind each other, so callers may ask in parallel and the host still sees one at a time.
 */
export function politeFetcher(options: { userAgent: string; clock?: Clock }): PoliteFetch {
  const clock = options.clock ?? realClock;
  const hosts = new Map<string, { queue: Promise<unknown>; freeAt: number }>();
  return (url, policy) => {
    const host = new URL(url).host;
    let state = hosts.get(host);
    if (!state) hosts.set(host, (state = { queue: Promise.resolve(), freeAt: 0 }));
    const lane = state;
    const attempt = async () => {
      await clock.sleep(Math.max(0, lane.freeAt - clock.now()));
      try {
        return await fetchOnce(url, policy, options.userAgent);
      } finally {
        lane.freeAt = clock.now() + policy.intervalMs;
      }
    };
    const run = async (): Promise<string> => {
      for (let tried = 0; ; tried++) {
        const outcome = await attempt();
        if (typeof outcome === "string") return outcome;
        if (!outcome.retry || tried >= policy.retries) throw new FetchFailedError(url, outcome.reason);
        const waitMs = outcome.waitMs ?? policy.backoffMs * 2 ** tried;
        if (waitMs > policy.maxWaitMs) {
          throw new FetchFailedError(url, `${outcome.reason}; asked to wait ${Math.ceil(waitMs / 1000)} s, longer than a run waits`);
        }
        // The wait before a retry is at least the host's interval, and as long as the server asked.
        lane.freeAt = Math.max(lane.freeAt, clock.now() + waitMs);
      }
    };
    const result = lane.queue.then(run, run);
    lane.queue = result.catch(() => undefined);
    return result;
  };
}

async function fetchOnce(url: string, policy: PolitePolicy, userAgent: string): Promise<string | Failure> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: "follow", headers: { "user-agent": userAgent } });
  } catch (error) {
    return { reason: describeFetchError(error, policy), retry: true };
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel().catch(() => undefined);
    return { reason: `HTTP ${response.status}`, retry: true, waitMs: waitAsked(response.headers) };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { reason: `HTTP ${response.status}`, retry: false };
  }
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { reason: `the answer is ${declared} bytes, over the ${policy.maxBytes}-byte cap`, retry: false };
  }
  try {
    return await readCapped(response, policy.maxBytes, Number.isFinite(declared) && declared > 0 ? declared : null);
  } catch (error) {
    if (error instanceof OversizeError) return { reason: error.message, retry: false };
    return { reason: describeFetchError(error, policy), retry: true };
  }
}

class OversizeError extends Error {}

/** The body as text, refusing more than `maxBytes` and an answer that ends before its declared length. */
async function readCapped(response: Response, maxBytes: number, declared: number | null): Promise<string> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new OversizeError(`the answer is over the ${maxBytes}-byte cap`);
    chunks.push(chunk);
  }
  if (declared !== null && bytes < declared) throw new Error(`the answer was cut off after ${bytes} of ${declared} bytes`);
  return Buffer.concat(chunks).toString("utf8");
}

function describeFetchError(error: unknown, policy: PolitePolicy): string {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no full answer within ${policy.timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code;
  if (code && code in NETWORK_ERRORS) return `${NETWORK_ERRORS[code]} (${code})`;
  return code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: "the host name does not resolve: no network, or a wrong address",
  EAI_AGAIN: "the host name could not be resolved right now",
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  UND_ERR_SOCKET: "the connection closed before the answer ended",
};

/** How long the server asked to wait: Retry-After (seconds or an HTTP date), else RateLimit's t= when nothing remains. */
export function waitAsked(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const rateLimit = headers.get("ratelimit");
  const remaining = rateLimit?.match(/\br=(\d+)/)?.[1];
  const reset = rateLimit?.match(/\bt=(\d+)/)?.[1];
  if (remaining === "0" && reset !== undefined) return (Number(reset) + 1) * 1000;
  return undefined;
}
