import { describe, expect, it } from "vitest";
import { collapseWhitespace } from "../../../lib/ingest/normalize";

describe("normalize", () => {
  it("collapses arXiv's hard wraps", () => {
    expect(collapseWhitespace("  Mamba: Linear-Time\n  Sequence\tModeling \n")).toBe("Mamba: Linear-Time Sequence Modeling");
  });
});
