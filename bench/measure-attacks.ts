import autocannon from "autocannon";
import { mulberry32 } from "../tests/support/seeded-random";
import { anotherClient, floodDistinctUrls, type FloodFigures } from "./flood";
import type { PathFigures } from "./measure-http";
import type { BenchServer } from "./server";
import type { Vocabulary } from "./vocabulary";

export type StallFigures = {
  cheapPath: string;
  /** The cheap page alone. */
  alone: PathFigures;
  /** The same page while four connections send searches of 45 common words, each in a new order and from a new client. */
  underSearches: PathFigures;
  searches: { requests: number; p50Ms: number; p99Ms: number; statuses: Record<string, number> };
};

export type AttackFigures = { flood: FloodFigures; stall: StallFigures };

const figures = (result: autocannon.Result): PathFigures => ({
  reqPerSec: Math.round(result.requests.average),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
});

/** The search that stalled a single-threaded server: the 45 commonest words, shuffled anew each time. */
function expensiveSearches(vocabulary: Vocabulary): () => string {
  const random = mulberry32(11);
  const common = vocabulary.words.slice(0, 45);
  return () => {
    const words = [...common];
    for (let index = words.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [words[index], words[other]] = [words[other]!, words[index]!];
    }
    return `/api/papers/search?q=${encodeURIComponent(words.join(" "))}`;
  };
}

/**
 * What an anonymous client can do to everyone else: the flood of distinct long addresses
 * (memory), and a cheap page's latency while expensive searches run (the event loop).
 */
export async function measureAttacks(
  server: BenchServer,
  options: { vocabulary: Vocabulary; seconds: number; floodPerPath: number; floodPaths: string[] },
): Promise<AttackFigures> {
  const cheapPath = "/sign-in";
  const cheap = (duration: number) => autocannon({ url: `${server.origin}${cheapPath}`, connections: 2, duration });
  await cheap(1);
  const alone = figures(await cheap(options.seconds));
  const nextSearch = expensiveSearches(options.vocabulary);
  let serial = 0;
  const [underSearches, searches] = await Promise.all([
    cheap(options.seconds),
    autocannon({
      url: server.origin,
      connections: 4,
      duration: options.seconds,
      requests: [
        { method: "GET", setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...anotherClient(serial++) }, path: nextSearch() }) },
      ],
    }),
  ]);
  const statuses = Object.fromEntries(Object.entries(searches.statusCodeStats ?? {}).map(([status, { count }]) => [status, Number(count)]));
  const flood = await floodDistinctUrls({ origin: server.origin, pid: server.pid, paths: options.floodPaths, requestsPerPath: options.floodPerPath });
  return {
    flood,
    stall: {
      cheapPath,
      alone,
      underSearches: figures(underSearches),
      searches: { requests: searches.requests.total, p50Ms: searches.latency.p50, p99Ms: searches.latency.p99, statuses },
    },
  };
}
