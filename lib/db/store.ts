import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { BatchWriter } from "../ingest/batch-writer";
import type { PaperRecord } from "../papers/paper-row";
import type { EngineQuery, Matches } from "../search/sql-parts";

/**
 * Everything the app asks of a database that its engine does its own way: one implementation
 * per database (lib/db/sqlite/store.ts, lib/db/postgres/store.ts), chosen once when the database
 * is opened (lib/db/database.ts). Code above this interface never asks which engine it has;
 * what is the same on both (accounts, upvotes, comments through Prisma's model API) stays on
 * `Database.prisma`. tests/integration/store-contract.test.ts runs one set of cases on both.
 */
export type Store = {
  /** Papers by id, in the order of `ids`; ids with no paper are left out. */
  papersByIds(ids: string[]): Promise<PaperRecord[]>;
  /** Visible papers in id order after `after` (the first ones without it): paging through the whole collection. */
  visiblePapersAfter(options: { after: string | undefined; take: number }): Promise<PaperRecord[]>;
  /** Which of these papers the account has upvoted (asked by every page load of a signed-in reader, via /api/viewer). */
  upvotedAmong(userId: string, paperIds: string[]): Promise<string[]>;
  /** The upvote counts of these papers now (the viewer answer's, so a page kept from before a vote shows it); ids with no paper are left out. */
  upvoteCounts(paperIds: string[]): Promise<Array<{ id: string; upvotes: number }>>;
  /** How many visible papers carry each category (any of a paper's categories), most first: a full scan, so callers keep the answer a while. */
  categoryCounts(): Promise<CategoryCount[]>;
  search: SearchStore;
  /** A writer of ingest batches, each one transaction (lib/ingest/ingest.ts drives it). */
  batchWriter(): BatchWriter;
  /** Runs an ingest with the engine set up for bulk writes, and set back afterwards. */
  duringIngest<T>(work: () => Promise<T>): Promise<T>;
  /**
   * A number that changes whenever anything that shared answers show (papers, votes, comments,
   * names, the search vocabulary) is committed, by any process or instance; cached answers are
   * keyed by it. Cheap: asked on every request.
   */
  dataVersion(): number | Promise<number>;
  /** A rate limiter of rate-limiter-flexible counting in this database (shared by every process). */
  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract;
  /** Resolves once the rate-limit counters' table exists. */
  rateLimitsReady(): Promise<void>;
  /** better-auth's Prisma adapter's name for this database's dialect. */
  authDialect: "sqlite" | "postgresql";
  close(): Promise<void>;
};

export type CategoryCount = { category: string; papers: number };

export type RateLimiterOptions = { keyPrefix: string; points: number; duration: number; clearExpiredByTimeout: boolean };

export type SearchStore = {
  /** A page of matching paper ids, best first, and how many match (lib/search/engine.ts builds the query). */
  match(query: EngineQuery): Promise<Matches>;
  /** Papers sharing the most distinctive of these index terms (letters only), best first, never `excludeId`. */
  related(input: RelatedInput): Promise<string[]>;
  /** How many papers hold each of these index terms (stems); terms the vocabulary lacks are left out. */
  termFrequencies(terms: string[]): Promise<Map<string, number>>;
  /** The vocabulary's terms sharing most of these trigrams, most shared first (at most 50). */
  termsSharingTrigrams(grams: string[]): Promise<string[]>;
  /** Brings the vocabulary (terms, paper counts, trigrams) up to date with the index; returns its size. */
  refreshVocabulary(): Promise<number>;
  /**
   * Whether a last word typed as a prefix is matched as the whole word once the vocabulary knows
   * it (SQLite: a prefix of a common word is FTS5's costliest query). PostgreSQL keeps the prefix:
   * it indexes author names unstemmed, so a whole name typed must still match as a prefix; its
   * search plan bounds what a prefix costs instead (lib/db/postgres/search-plan.ts).
   */
  settlesKnownPrefixes: boolean;
};

/** Papers sharing the most of these index terms (letters only), best first, never `excludeId`; with a feed window, only papers whose feed day is in it. */
export type RelatedInput = { terms: string[]; excludeId: string; limit: number; feedFrom?: Date; feedBefore?: Date };

/** The open ends of a feed window that gives none: dates every paper's feed day is between, on both engines (SQLite compares them as ISO text). */
export const BEGINNING_OF_TIME = new Date("1970-01-01T00:00:00.000Z");
export const END_OF_TIME = new Date("9999-12-31T00:00:00.000Z");
