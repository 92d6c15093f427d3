import { describe, expect, it } from "vitest";
import { waitAsked } from "@/lib/sync/polite-fetch";

describe("how long a server asked to wait", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  it.each([
    ["Retry-After in seconds", { "retry-after": "120" }, 120_000],
    ["Retry-After as an HTTP date", { "retry-after": "Tue, 01 Dec 2026 12:00:30 GMT" }, 30_000],
    ["Retry-After in the past", { "retry-after": "Tue, 01 Dec 2026 11:00:00 GMT" }, 0],
    ["Hugging Face's RateLimit with nothing left", { ratelimit: '"api";r=0;t=42' }, 43_000],
    ["Retry-After before RateLimit", { "retry-after": "5", ratelimit: '"api";r=0;t=42' }, 5_000],
  ])("reads %s", (_label, headers, expected) => {
    expect(waitAsked(new Headers(headers), now)).toBe(expected);
  });

  it.each([
    ["no header", {}],
    ["a RateLimit with requests left", { ratelimit: '"api";r=12;t=42' }],
    ["a Retry-After that is neither", { "retry-after": "soon" }],
  ])("asks nothing with %s", (_label, headers) => {
    expect(waitAsked(new Headers(headers), now)).toBeUndefined();
  });
});
