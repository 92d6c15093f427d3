import { describe, expect, it } from "vitest";
import { parseArxivAtom } from "../../../lib/ingest/formats/arxiv-atom";
import { readFixture, split } from "../../support/fixtures";

describe("arxiv-atom", () => {
  it("reads the classic serializer: ids without version, old-style ids, unwrapped text, categories", () => {
    const { papers, rejected } = split(parseArxivAtom(readFixture("arxiv-atom.xml")));
    expect(rejected).toEqual([]);
    expect(papers.map((paper) => paper.arxivId)).toEqual(["2312.00752", "cond-mat/0102536", "0710.2073", "0704.0001"]);
    const mamba = papers[0]!;
    expect(mamba).toMatchObject({ authors: ["Albert Gu", "Tri Dao"], authorCount: 2, publishedAt: new Date("2023-12-01"), categories: ["cs.LG", "cs.AI"] });
    expect(mamba.title).toBe("Mamba: Linear-Time Sequence Modeling with Selective State Spaces");
    expect(mamba.abstract).not.toMatch(/\n|\s{2}/);
    expect(mamba.upvotes).toBeUndefined(); // arXiv has no upvotes: ingest keeps what is stored
    // LaTeX is kept as written, Unicode names as they are.
    expect(papers[2]!.abstract).toContain("$\\sigma$");
    expect(papers[3]!.authors[0]).toBe("C. Balázs");
  });

  it("reads the newer serializer to the same papers", () => {
    const newer = split(parseArxivAtom(readFixture("arxiv-atom-new.xml"))).papers;
    const classic = new Map(split(parseArxivAtom(readFixture("arxiv-atom.xml"))).papers.map((paper) => [paper.arxivId, paper]));
    expect(newer).toHaveLength(3);
    for (const paper of newer) expect(paper).toEqual(classic.get(paper.arxivId));
  });

  it("reports an API error answer as such", () => {
    expect(parseArxivAtom(readFixture("arxiv-atom-error.xml"))).toEqual([{ at: "entry 1", error: "is an arXiv API error: incorrect id format for 1234" }]);
  });

  it("rejects malformed entries with their place and reason, keeping the valid one", () => {
    const { papers, rejected } = split(parseArxivAtom(readFixture("arxiv-atom-malformed.xml")));
    expect(papers.map((paper) => paper.arxivId)).toEqual(["2312.00752"]);
    expect(rejected).toEqual([
      { at: "entry 2", error: "title is empty" },
      { at: "entry 3", error: 'id "https://example.com/papers/not-an-arxiv-record-42" is not an arXiv abstract URL' },
      { at: "entry 4", error: "publishedAt is not a valid date" },
    ]);
  });

  it("refuses a cut-off document whole", () => {
    expect(parseArxivAtom(readFixture("not-xml.xml"))).toEqual([
      { at: "document", error: "is not well-formed XML: it ends with <summary> still open (a cut-off download?)" },
    ]);
  });
});
