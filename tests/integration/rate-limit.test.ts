import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../lib/db/database";
import { RateLimitError } from "../../lib/errors";
import { LIMITS } from "../../lib/rate-limit/limits";
import { consumeLimit, RateLimitedError } from "../../lib/rate-limit/rate-limit";
import { providers, type TestDatabase } from "../support/databases";

const ROOT = path.join(import.meta.dirname, "..", "..");

/** Counts one request and says whether it passed. */
const attempt = (db: TestDatabase, keys: { address?: string; account?: string }) =>
  consumeLimit(db, "comment", keys).then(
    () => true,
    (error: unknown) => {
      if (error instanceof RateLimitedError) return false;
      throw error;
    },
  );

describe.each(providers())("rate limits stored in the database on $name", (provider) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await provider.create();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await db.drop();
  });

  it("lets exactly the limit through when many requests arrive at once", async () => {
    const { points } = LIMITS.comment.account;
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(db, { account: "ada" })));
    expect(results.filter(Boolean)).toHaveLength(points);
    // Another account has its own count.
    expect(await attempt(db, { account: "bob" })).toBe(true);
  });

  it("refuses with a 429 that says how long to wait, and lets the next window through", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T10:00:00Z") });
    for (let index = 0; index < LIMITS.comment.account.points; index++) await consumeLimit(db, "comment", { account: "ada" });
    vi.setSystemTime(new Date("2026-12-01T10:00:18Z"));
    const error = await consumeLimit(db, "comment", { account: "ada" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 42, message: "Too many comments (5 a minute per account); try again in 42 seconds." });
    vi.setSystemTime(new Date("2026-12-01T10:01:01Z"));
    expect(await attempt(db, { account: "ada" })).toBe(true);
  });

  it("counts per address and per account: either one over the limit refuses", async () => {
    const { points } = LIMITS.comment.address;
    for (let index = 0; index < points; index++) expect(await attempt(db, { address: "203.0.113.9", account: `account-${index}` })).toBe(true);
    expect(await attempt(db, { address: "203.0.113.9", account: "fresh" })).toBe(false);
    expect(await attempt(db, { address: "203.0.113.10", account: "fresh" })).toBe(true);
  });

  it("counts an IPv6 client by its /64, so rotating addresses within it does not help", async () => {
    const { points } = LIMITS.comment.address;
    for (let index = 0; index < points; index++) expect(await attempt(db, { address: `2001:db8:1:2::${(index + 1).toString(16)}` })).toBe(true);
    expect(await attempt(db, { address: "2001:db8:1:2:ffff:ffff:ffff:ffff" })).toBe(false);
    expect(await attempt(db, { address: "2001:db8:1:3::1" })).toBe(true);
  });

  it("keeps the counts for another connection and another process on the same database", async () => {
    for (let index = 0; index < LIMITS.comment.account.points; index++) await consumeLimit(db, "comment", { account: "ada" });
    const second = openDatabase(db.url);
    try {
      await expect(consumeLimit(second, "comment", { account: "ada" })).rejects.toBeInstanceOf(RateLimitedError);
    } finally {
      await second.close();
    }
    const script = `
      const { openDatabase } = await import(${JSON.stringify(path.join(ROOT, "lib/db/database.ts"))});
      const { consumeLimit } = await import(${JSON.stringify(path.join(ROOT, "lib/rate-limit/rate-limit.ts"))});
      const db = openDatabase(process.env.DATABASE_URL);
      const outcome = await consumeLimit(db, "comment", { account: "ada" }).then(() => "passed", (error) => String(error.status));
      await db.close();
      console.log(outcome);`;
    const { stdout } = await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["--eval", `(async () => {${script}})()`], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url },
    });
    expect(stdout.trim()).toBe("429");
  });
});
