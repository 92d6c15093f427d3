import fc from "fast-check";
import { describe, it } from "vitest";
import { faultProperty, RUNS } from "../../support/ingest-faults";

// A fixed seed: a failure prints its seed and path, and the same run reproduces it.
const SEED = 591414443;

describe("feed under fault", () => {
  it(`keeps the reader's contract on ${RUNS} truncated, re-encoded and mutated inputs`, async () => {
    await fc.assert(faultProperty("feed"), { numRuns: RUNS, seed: SEED });
  }, 120_000);
});
