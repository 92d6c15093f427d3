import type { Database } from "../db/database";
import { clientAddressOf } from "../http/client-address";
import { consumeLimit } from "./rate-limit";

/**
 * For the search page and /api/papers/search: counts one search for the client's address and
 * throws RateLimitedError (429, with the wait) when it searched too often.
 */
export function limitSearch(db: Database, headers: Headers): Promise<void> {
  return consumeLimit(db, "search", { address: clientAddressOf(headers) });
}
