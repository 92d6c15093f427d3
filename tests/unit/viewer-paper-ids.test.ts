import { describe, expect, it } from "vitest";
import { ValidationError } from "../../lib/errors";
import { PAPER_ID_MAX_LENGTH } from "../../lib/papers/upvotes";
import { VIEWER_PAPERS_MAX, viewerPaperIds } from "../../lib/viewer/viewer";

// /api/viewer's `papers` parameter: what a page sends, and what a script might.
describe("viewerPaperIds", () => {
  it("reads comma-separated ids once each, old-style ids with their slash, nothing for none", () => {
    expect(viewerPaperIds("2312.00752,hep-th/9901001,2312.00752,,vidla-video")).toEqual(["2312.00752", "hep-th/9901001", "vidla-video"]);
    expect(viewerPaperIds(null)).toEqual([]);
    expect(viewerPaperIds("")).toEqual([]);
  });

  it("refuses more ids than a page holds, and ids longer than any paper's, with a message that says so", () => {
    const many = Array.from({ length: VIEWER_PAPERS_MAX + 1 }, (_, index) => `p${index}`).join(",");
    expect(() => viewerPaperIds(many)).toThrow(new ValidationError(`Ask for at most ${VIEWER_PAPERS_MAX} papers at once.`));
    expect(() => viewerPaperIds(`a,${"x".repeat(PAPER_ID_MAX_LENGTH + 1)}`)).toThrow(ValidationError);
    expect(viewerPaperIds(Array.from({ length: VIEWER_PAPERS_MAX }, (_, index) => `p${index}`).join(","))).toHaveLength(VIEWER_PAPERS_MAX);
  });
});
