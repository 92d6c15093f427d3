import { describe, expect, it } from "vitest";
import { parseArxivJsonlLine } from "../../../lib/ingest/formats/arxiv-jsonl";
import type { ParsedRecord } from "../../../lib/ingest/record";
import { readFixture, split } from "../../support/fixtures";

const parseLines = (text: string) =>
  text.split("\n").flatMap((line, index) => {
    const record = parseArxivJsonlLine(line, index + 1);
    return record ? [record] : ([] as ParsedRecord[]);
  });

describe("arxiv-jsonl", () => {
  it("reads snapshot lines with Unicode names from authors_parsed and the v1 date", () => {
    const { papers, rejected } = split(parseLines(readFixture("arxiv-snapshot.jsonl")));
    expect(rejected).toEqual([]);
    expect(papers.map((paper) => paper.arxivId)).toEqual(["0704.0001", "0704.0002", "hep-th/9608091", "0704.0010", "math/0211159", "2412.04472"]);
    expect(papers[0]).toMatchObject({
      title: "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      authors: ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"],
      authorCount: 4,
      publishedAt: new Date("2007-04-02"),
      categories: ["hep-ph"],
    });
    expect(papers[1]!.categories).toEqual(["math.CO", "cs.CG"]);
    expect(papers.every((paper) => !/\n|\s{2}/.test(paper.abstract + paper.title) && paper.abstract === paper.abstract.trim())).toBe(true);
  });

  it("rejects bad lines with their line number, skips blank lines, keeps the rest", () => {
    const { papers, rejected } = split(parseLines(readFixture("arxiv-snapshot-malformed.jsonl")));
    expect(papers.map((paper) => paper.arxivId)).toEqual(["0704.0002", "math/0211159"]);
    expect(rejected).toEqual([
      { at: "line 2", error: "is not valid JSON" },
      { at: "line 4", error: "title is missing" },
      { at: "line 5", error: "publishedAt is missing" },
      { at: "line 6", error: 'id "not an id!" is not an arXiv id' },
    ]);
  });
});
