import type { Pool, PoolClient } from "pg";
import type { EngineQuery, Matches } from "../../search/sql-parts";
import { SearchUnavailableError } from "../../errors";
import { BEGINNING_OF_TIME, END_OF_TIME, type RelatedInput } from "../store";
import { planSearch } from "./search-plan";
import { readSearchStats, type DateHistogram } from "./search-stats";
import { runPlan } from "./search-strategies";
import { inTransaction } from "./transaction";

export { postgresTsquery } from "./search-tsquery";

/**
 * The longest a search statement may run. Every plan is bounded (lib/db/postgres/search-plan.ts)
 * to tens of milliseconds at a million papers; this is the safety net for what an estimate
 * missed, so that a search never holds one of the pool's connections for seconds.
 */
export const SEARCH_TIMEOUT_MS = 1_000;

/**
 * Search on PostgreSQL: the stored weighted tsvector "search" (title A, authors B, abstract C;
 * prisma/postgres/migrations/*_search) under a GIN index, ranked by ts_rank (title 1.0, authors
 * 0.5, abstract 0.2) blended lightly with upvotes (ORDER). Hidden papers never match. The
 * vocabulary's paper counts decide how (search-plan.ts): rare queries are ranked exactly over
 * every match, common ones over their newest matches, with a count that is then a lower bound.
 */
export async function postgresMatchPaperIds(pool: Pool, query: EngineQuery): Promise<Matches> {
  if (query.parsed.positive.length === 0) return { ids: [], total: 0, totalIsLowerBound: false };
  return bounded(pool, async (client) => {
    const { stats, histogram } = await readSearchStats(client, query.parsed, histograms.get(pool));
    histograms.set(pool, histogram);
    return runPlan(client, query, planSearch(query.parsed, query.filters, stats));
  });
}

// Each database's publishedAt histogram as last read (one pool a database).
const histograms = new WeakMap<Pool, DateHistogram>();

/** Papers sharing the most of these index terms (letters only), best first, never `excludeId`. */
export async function postgresRelatedPaperIds(pool: Pool, input: RelatedInput): Promise<string[]> {
  const { rows } = await bounded(pool, (client) =>
    client.query<{ id: string }>(
      // The terms are already index lexemes: 'simple' keeps them as they are.
      `SELECT p."id" AS id FROM "Paper" p, to_tsquery('simple', $1) q
       WHERE p."search" @@ q AND p."id" <> $2 AND NOT p."hidden" AND p."feedDate" >= $4 AND p."feedDate" < $5
       ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', p."search", q) DESC LIMIT $3`,
      [input.terms.join(" | "), input.excludeId, input.limit, input.feedFrom ?? BEGINNING_OF_TIME, input.feedBefore ?? END_OF_TIME],
    ),
  );
  return rows.map((row) => row.id);
}

// PostgreSQL's code for a statement cancelled by statement_timeout.
const QUERY_CANCELED = "57014";

/**
 * Runs a search's statements in one read transaction under SEARCH_TIMEOUT_MS each (SET LOCAL:
 * the pooled connection goes back as it was), with JIT off: compiling takes 20-100 ms, more than
 * a bounded search runs. A statement stopped by the timeout is a 503 that says to try again.
 */
async function bounded<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(pool, async (client) => {
      await client.query(`SET LOCAL statement_timeout = ${SEARCH_TIMEOUT_MS}; SET LOCAL jit = off`);
      return work(client);
    });
  } catch (error) {
    if ((error as { code?: string }).code === QUERY_CANCELED) {
      throw new SearchUnavailableError(`This search took longer than ${SEARCH_TIMEOUT_MS / 1000} s and was stopped; try fewer or rarer words.`);
    }
    throw error;
  }
}
