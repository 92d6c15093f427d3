import { describe, expect, it } from "vitest";
import { parseSubmittedArxivId } from "../../lib/submit/arxiv-id-input";

describe("what a person pastes as an arXiv id", () => {
  it.each([
    ["2312.00752", "2312.00752"],
    ["  arXiv:2312.00752v2 ", "2312.00752"],
    ["https://arxiv.org/abs/2312.00752", "2312.00752"],
    ["https://arxiv.org/pdf/2312.00752v1", "2312.00752"],
    ["http://export.arxiv.org/abs/2312.00752v3", "2312.00752"],
    ["arxiv.org/abs/2312.00752", "2312.00752"],
    ["https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"],
    ["0704.0001", "0704.0001"],
  ])("reads %s as %s", (input, id) => {
    expect(parseSubmittedArxivId(input)).toBe(id);
  });

  it.each(["", "   ", "hello", "2312.7", "1234.5678", "2313.00752", "https://example.com/abs/2312.00752", "1501.0001"])(
    "refuses %j with what an id looks like",
    (input) => {
      expect(() => parseSubmittedArxivId(input)).toThrow(/an arXiv id looks like 2312\.00752/);
    },
  );
});
