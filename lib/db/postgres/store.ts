import type { Pool } from "pg";
import type { Store } from "../store";
import { postgresBatchWriter } from "./batch-writer";
import { postgresDataVersion } from "./data-version";
import { postgresCategoryCounts, postgresPapersByIds, postgresUpvoteCounts, postgresUpvotedAmong, postgresVisiblePapersAfter } from "./papers";
import { postgresRateLimits } from "./rate-limits";
import { postgresMatchPaperIds, postgresRelatedPaperIds } from "./search";
import { postgresTermFrequencies, postgresTermsSharingTrigrams, refreshPostgresVocabulary } from "./vocabulary";

/**
 * PostgreSQL's implementation of the store: raw SQL on the process's one pg pool (shared with
 * Prisma's adapter), the stored weighted tsvector under GIN for search, a trigger-kept counter
 * row for the data version, and rate-limit counters in the app's database.
 */
export function createPostgresStore(pool: Pool): Store {
  const rateLimits = postgresRateLimits(pool);
  return {
    papersByIds: (ids) => postgresPapersByIds(pool, ids),
    visiblePapersAfter: (options) => postgresVisiblePapersAfter(pool, options),
    upvotedAmong: (userId, paperIds) => postgresUpvotedAmong(pool, userId, paperIds),
    upvoteCounts: (paperIds) => postgresUpvoteCounts(pool, paperIds),
    categoryCounts: () => postgresCategoryCounts(pool),
    search: {
      match: (query) => postgresMatchPaperIds(pool, query),
      related: (input) => postgresRelatedPaperIds(pool, input),
      termFrequencies: (terms) => postgresTermFrequencies(pool, terms),
      termsSharingTrigrams: (grams) => postgresTermsSharingTrigrams(pool, grams),
      refreshVocabulary: () => refreshPostgresVocabulary(pool),
      settlesKnownPrefixes: false,
    },
    batchWriter: () => postgresBatchWriter(pool),
    duringIngest: (work) => work(),
    dataVersion: () => postgresDataVersion(pool),
    rateLimiter: (options) => rateLimits.limiter(options),
    rateLimitsReady: () => rateLimits.ready(),
    authDialect: "postgresql",
    close: () => pool.end(),
  };
}
