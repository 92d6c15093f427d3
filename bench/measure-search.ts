import { clearAnswerCache } from "../lib/cache/answer-cache";
import type { Database } from "../lib/db/database";
import { searchPapers } from "../lib/search/search";
import { openNaiveSearch } from "./naive-search";
import type { BenchQuery } from "./queries";
import { latencies, timed, type Latencies } from "./stats";

export type SearchFigures = Latencies & {
  queries: number;
  rawP50Ms: number;
  rawP95Ms: number;
  rawP99Ms: number;
  rawMaxMs: number;
  /** p95 by kind of query (common, rare, phrase, prefix, typo, multiword). */
  p95MsByKind: Record<string, number>;
  slowest: Array<{ q: string; ms: number }>;
};

/**
 * Each query once through lib/search's one function (match, fetch, highlight, snippets, "did
 * you mean"; its answer cache emptied first, so each is computed), then once as the naive
 * query; one warm-up pass of each first, so both run with a warm page cache, one at a time.
 */
export async function measureSearch(db: Database, queries: BenchQuery[]): Promise<SearchFigures> {
  const naive = await openNaiveSearch(db);
  try {
    for (const { q } of queries) {
      await searchPapers(db, { q });
      await naive.run(q);
    }
    // The warm-up filled the page cache for both; the answers it cached would make every timed search a lookup.
    clearAnswerCache();
    const ours: number[] = [];
    for (const { q } of queries) ours.push((await timed(() => searchPapers(db, { q }))).ms);
    const raw: number[] = [];
    for (const { q } of queries) raw.push((await timed(() => naive.run(q))).ms);
    const rawFigures = latencies(raw);
    const kinds = [...new Set(queries.map((query) => query.kind))];
    return {
      queries: queries.length,
      ...latencies(ours),
      rawP50Ms: rawFigures.p50Ms,
      rawP95Ms: rawFigures.p95Ms,
      rawP99Ms: rawFigures.p99Ms,
      rawMaxMs: rawFigures.maxMs,
      p95MsByKind: Object.fromEntries(kinds.map((kind) => [kind, latencies(ours.filter((_, index) => queries[index]!.kind === kind)).p95Ms])),
      slowest: queries
        .map((query, index) => ({ q: query.q, ms: Math.round(ours[index]! * 10) / 10 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5),
    };
  } finally {
    await naive.close();
  }
}
