import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, NotFoundError, RateLimitError } from "../../lib/errors";
import { toErrorResponse } from "../../lib/http/error-response";
import { RateLimitedError } from "../../lib/rate-limit/rate-limit";

describe("toErrorResponse", () => {
  it("answers a rate limit's refusal with 429, its message and Retry-After in seconds", async () => {
    const response = toErrorResponse(new RateLimitedError("search", 42, "Too many searches (120 a minute from one address); try again in 42 seconds."));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(await response.json()).toEqual({ error: "Too many searches (120 a minute from one address); try again in 42 seconds." });
  });

  it("sets Retry-After for any expected failure that knows its wait, in whole seconds", () => {
    expect(toErrorResponse(new RateLimitError("Slow down.", 7)).headers.get("retry-after")).toBe("7");
    class BusyError extends AppError {
      readonly retryAfterSeconds = 1.2;
      constructor() {
        super("Busy; try again shortly.", 503);
      }
    }
    const busy = toErrorResponse(new BusyError());
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("2");
  });

  it("sets no Retry-After when the error knows no wait", () => {
    const unknownWait = toErrorResponse(new RateLimitError("Slow down."));
    expect(unknownWait.status).toBe(429);
    expect(unknownWait.headers.has("retry-after")).toBe(false);
    const missing = toErrorResponse(new NotFoundError("No such paper."));
    expect(missing.status).toBe(404);
    expect(missing.headers.has("retry-after")).toBe(false);
  });

  it("names the bad parameter with a 400, and hides anything unexpected behind a 500", async () => {
    const invalid = z.object({ limit: z.number() }).safeParse({ limit: "x" });
    const bad = toErrorResponse(invalid.error);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^limit: /);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const crash = toErrorResponse(new Error("connection refused at 10.0.0.5"));
    expect(crash.status).toBe(500);
    expect(await crash.json()).toEqual({ error: "Something went wrong on our side." });
    expect(crash.headers.has("retry-after")).toBe(false);
    log.mockRestore();
  });
});
