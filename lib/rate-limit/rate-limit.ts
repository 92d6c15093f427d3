import { createHash } from "node:crypto";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Database } from "../db/database";
import { RateLimitError } from "../errors";
import { addressLimitKey } from "../http/client-address";
import { outsideRequests } from "../http/outside-requests";
import { LIMITS, type LimitKeyKind, type LimitName, type LimitRule } from "./limits";

/** A request over a limit: 429, with how long to wait (the Retry-After header, in seconds). */
export class RateLimitedError extends RateLimitError {
  constructor(
    readonly limit: LimitName,
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message, retryAfterSeconds);
  }
}

/** What a request is counted under; a rule whose key is missing is not applied. */
export type LimitKeys = { address?: string | null; account?: string | null };

// One limiter per database, limit and key kind; they are cheap and hold no counts themselves.
const limiters = new WeakMap<Database, Map<string, RateLimiterAbstract>>();

function limiterFor(db: Database, name: LimitName, kind: LimitKeyKind, rule: LimitRule): RateLimiterAbstract {
  let forDb = limiters.get(db);
  if (!forDb) limiters.set(db, (forDb = new Map()));
  const id = `${name}:${kind}`;
  let limiter = forDb.get(id);
  if (limiter) return limiter;
  const clearExpiredByTimeout = forDb.size === 0;
  // Kept for the process's life, with a timer: made outside the request that first needs it (lib/http/outside-requests.ts).
  limiter = outsideRequests(() =>
    db.store.rateLimiter({
      keyPrefix: id,
      points: rule.points,
      duration: rule.seconds,
      // Expired rows are deleted every 5 minutes by one limiter per database (the delete is table-wide).
      clearExpiredByTimeout,
    }),
  );
  forDb.set(id, limiter);
  return limiter;
}

// Account keys may be an email typed into sign-in: stored as a digest, not as what was typed.
const accountKey = (account: string) => createHash("sha256").update(account.toLowerCase()).digest("base64url").slice(0, 27);

function keyFor(kind: LimitKeyKind, keys: LimitKeys): string | null {
  if (kind === "everyone") return "all";
  const value = keys[kind];
  if (value === undefined || value === null || value === "") return null;
  return kind === "address" ? addressLimitKey(value) : accountKey(value);
}

/**
 * Counts one request against every rule of a limit it has a key for, atomically in the
 * database (one upsert per rule: parallel requests cannot all read "under the limit"), and
 * throws RateLimitedError when any rule is over. A refused request still counts.
 */
export async function consumeLimit(db: Database, name: LimitName, keys: LimitKeys = {}): Promise<void> {
  await db.store.rateLimitsReady();
  const definition = LIMITS[name];
  const rules = (Object.entries(definition) as [LimitKeyKind | "counts", LimitRule | string][]).filter(
    (entry): entry is [LimitKeyKind, LimitRule] => entry[0] !== "counts",
  );
  const outcomes = await Promise.allSettled(
    rules.flatMap(([kind, rule]) => {
      const key = keyFor(kind, keys);
      return key === null
        ? []
        : [
            limiterFor(db, name, kind, rule)
              .consume(key)
              .then(
                () => null,
                (rejection: unknown) => ({ kind, rule, rejection }),
              ),
          ];
    }),
  );
  let worst: { kind: LimitKeyKind; rule: LimitRule; waitMs: number } | null = null;
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") throw outcome.reason;
    const refused = outcome.value;
    if (!refused) continue;
    // The library rejects with a RateLimiterRes when over the limit, with an Error when the store failed.
    if (!(refused.rejection instanceof RateLimiterRes)) throw refused.rejection;
    const waitMs = refused.rejection.msBeforeNext;
    if (!worst || waitMs > worst.waitMs) worst = { kind: refused.kind, rule: refused.rule, waitMs };
  }
  if (!worst) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(worst.waitMs / 1000));
  throw new RateLimitedError(name, retryAfterSeconds, limitMessage({ counts: definition.counts, kind: worst.kind, rule: worst.rule, retryAfterSeconds }));
}

const PER: Record<LimitKeyKind, string> = { address: "from one address", account: "per account", everyone: "for everyone together" };

function windowText(seconds: number): string {
  if (seconds === 60) return "a minute";
  if (seconds === 3600) return "an hour";
  if (seconds % 3600 === 0) return `per ${seconds / 3600} hours`;
  if (seconds % 60 === 0) return `per ${seconds / 60} minutes`;
  return `per ${seconds} seconds`;
}

/** "42 seconds", "1 minute", "15 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function limitMessage(options: { counts: string; kind: LimitKeyKind; rule: LimitRule; retryAfterSeconds: number }): string {
  const { counts, kind, rule, retryAfterSeconds } = options;
  return `Too many ${counts} (${rule.points} ${windowText(rule.seconds)} ${PER[kind]}); try again in ${waitText(retryAfterSeconds)}.`;
}
