import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../lib/ingest/formats/feed";
import { readFixture, split } from "../../support/fixtures";

describe("feed", () => {
  it("reads arXiv's RSS listing: id from the link, names from dc:creator, abstract without the announce prefix", () => {
    const { papers, rejected } = split(parseFeed(readFixture("arxiv-rss.xml")));
    expect(rejected).toEqual([]);
    expect(papers.map((paper) => paper.arxivId)).toEqual(["2410.18533", "2410.18693", "2410.16251", "2005.14165"]);
    expect(papers[0]).toMatchObject({ authorCount: 5, categories: ["cs.CL"], publishedAt: new Date("2024-10-25") });
    expect(papers[0]!.authors.slice(0, 2)).toEqual(["Zecheng Tang", "Zechen Sun"]);
    expect(papers[0]!.abstract).toMatch(/^Long-context models/);
    expect(papers.every((paper) => !/Announce Type/.test(paper.abstract))).toBe(true);
  });

  it("reads a third-party Atom feed: HTML summaries become text, a link without an arXiv id gives none", () => {
    const { papers } = split(parseFeed(readFixture("papers-atom-feed.xml")));
    expect(papers.map((paper) => paper.arxivId)).toEqual(["2312.00752", "2410.18693", null]);
    expect(papers.every((paper) => !/[<>]/.test(paper.abstract))).toBe(true);
    expect(papers[2]).toMatchObject({ authorCount: 7, publishedAt: new Date("2025-02-19") });
  });

  it("reads a JSON Feed and keeps only tags that are arXiv categories", () => {
    const { papers } = split(parseFeed(readFixture("papers-feed.json")));
    expect(papers.map((paper) => paper.arxivId)).toEqual(["2312.00752", "2410.18533", "2410.16251"]);
    expect(papers[2]!.categories).toEqual(["cs.CL"]);
  });

  it("rejects items without a title or with a bad date, keeping the rest", () => {
    const { papers, rejected } = split(parseFeed(readFixture("papers-rss-malformed.xml")));
    expect(papers).toHaveLength(2);
    expect(rejected).toEqual([
      { at: "item 2", error: "title is missing" },
      { at: "item 3", error: "publishedAt is not a valid date" },
    ]);
  });

  it("refuses what is not a feed", () => {
    expect(parseFeed("<html><body>hello</body></html>")).toEqual([{ at: "document", error: expect.stringMatching(/^is not an RSS, Atom or JSON feed/) }]);
  });
});
