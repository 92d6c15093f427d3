import fc from "fast-check";
import { describe, it } from "vitest";
import { faultProperty, RUNS } from "../../support/ingest-faults";

// A fixed seed: a failure prints its seed and path, and the same run reproduces it.
const SEED = 1858929612;

describe("arxiv-jsonl under fault", () => {
  it(`keeps the reader's contract on ${RUNS} truncated, re-encoded and mutated inputs`, async () => {
    await fc.assert(faultProperty("arxiv-jsonl"), { numRuns: RUNS, seed: SEED });
  }, 120_000);
});
