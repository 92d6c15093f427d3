import type { Database } from "../db/database";
import { clientAddressOf } from "../http/client-address";
import { toErrorResponse } from "../http/error-response";
import { consumeLimit, RateLimitedError } from "./rate-limit";

/** toErrorResponse, plus Retry-After (seconds) on a 429 from a rate limit. */
export function errorResponse(error: unknown): Response {
  const response = toErrorResponse(error);
  if (error instanceof RateLimitedError) response.headers.set("retry-after", String(error.retryAfterSeconds));
  return response;
}

/**
 * For the search page and /api/papers/search: counts one search for the client's address and
 * throws RateLimitedError (429, with the wait) when it searched too often.
 */
export function limitSearch(db: Database, headers: Headers): Promise<void> {
  return consumeLimit(db, "search", { address: clientAddressOf(headers) });
}
