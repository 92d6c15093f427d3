import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHfPageText } from "../../../lib/ingest/formats/hf-page-text";
import { SAMPLE_FILE } from "../../../prisma/seed";

const page = fs.readFileSync(SAMPLE_FILE, "utf8");
const papers = (text: string, options = {}) => parseHfPageText(text, options).records.flatMap((record) => ("paper" in record ? [record.paper] : []));
const errors = (text: string, options = {}) => parseHfPageText(text, options).records.flatMap((record) => ("error" in record ? [record] : []));

const NOW = new Date("2026-11-25T12:00:00Z");

describe("hf-page-text", () => {
  it("reads the 37 papers of the real page and none of its header", () => {
    const result = parseHfPageText(page, { now: NOW });
    expect(result.records).toHaveLength(37);
    expect(errors(page, { now: NOW })).toEqual([]);
    const titles = papers(page, { now: NOW }).map((paper) => paper.title);
    expect(titles[0]).toBe("White-Box Transformers via Sparse Rate Reduction: Compression Is All There Is?");
    expect(titles.at(-1)).toBeTruthy();
    for (const header of ["new", "Subscribe", "Daily Papers", "byAK and the research community", "Dec 12"]) {
      expect(titles).not.toContain(header);
    }
  });

  it("reads the three date line forms", () => {
    const byTitle = new Map(papers(page, { now: NOW }).map((paper) => [paper.title, paper]));
    expect(byTitle.get("White-Box Transformers via Sparse Rate Reduction: Compression Is All There Is?")).toMatchObject({
      publishedAt: new Date("2023-11-21"),
      upvotes: 0,
      authorCount: 10,
    });
    expect(byTitle.get("Kolmogorov-Arnold Attention: Is Learnable Attention Better For Vision Transformers?")).toMatchObject({
      publishedAt: new Date("2025-03-13"),
      upvotes: 3,
      authorCount: 4,
    });
    expect(byTitle.get("VidLA: Video-Language Alignment at Scale")).toMatchObject({ publishedAt: new Date("2024-03-21"), upvotes: 1 });
  });

  it("assumes the year after the latest year shown, capped at the current year, and says so", () => {
    expect(parseHfPageText(page, { now: NOW }).assumedYear).toBe(2025);
    // Captured in early 2025, the page could not show a 2025 date with a year: the cap applies.
    expect(parseHfPageText(page, { now: new Date("2025-01-10") }).assumedYear).toBe(2025);
    expect(parseHfPageText(page, { now: new Date("2024-06-01") }).assumedYear).toBe(2024);
  });

  it("takes the year from --as-of and then assumes nothing", () => {
    const asOf = new Date("2026-03-20");
    expect(parseHfPageText(page, { asOf, now: NOW }).assumedYear).toBeNull();
    const read = papers(page, { asOf, now: NOW });
    expect(read.find((paper) => paper.title.startsWith("Kolmogorov"))?.publishedAt).toEqual(new Date("2026-03-13"));
    // "Dec 12" and "Dec 5" would be after the capture day in 2026, so they are 2025's.
    expect(read[0]?.feedDate).toEqual(new Date("2025-12-12"));
    expect(read.filter((paper) => paper.publishedAt.getUTCFullYear() === 2026).map((paper) => paper.publishedAt.toISOString().slice(5, 10))).toEqual(["03-13"]);
  });

  it("uses the page's own date as the feed day", () => {
    expect(new Set(papers(page, { now: NOW }).map((paper) => paper.feedDate?.toISOString()))).toEqual(new Set(["2025-12-12T00:00:00.000Z"]));
  });

  it("uses the current year when the page shows no year at all", () => {
    const text = "Daily Papers\n\nA Title\n\nAn abstract.\n\n  • 2 authors\n·\nMar 13 3\n";
    expect(parseHfPageText(text, { now: NOW })).toMatchObject({ assumedYear: 2026 });
    expect(papers(text, { now: NOW })[0]).toMatchObject({ title: "A Title", abstract: "An abstract.", publishedAt: new Date("2026-03-13"), upvotes: 3 });
  });

  it("rejects malformed entries with their line and keeps the rest", () => {
    const lines = page.split("\n");
    // Break the second paper's date (line 27 is "Mar 13 3") and the fifth's calendar day.
    const broken = [...lines];
    broken[26] = "Smarch 13 3";
    broken[50] = "Feb 30, 2017";
    const text = broken.join("\n") + "\nA stray title with no author count\n";
    const rejected = errors(text, { now: NOW });
    expect(rejected).toEqual([
      { at: "line 27", error: 'date "Smarch 13 3" is not like "Nov 21, 2023" or "Mar 13 3"' },
      { at: "line 51", error: 'date "Feb 30, 2017" is not a day of the calendar' },
      { at: `line ${broken.length + 1}`, error: "text after the last paper has no author count and date" },
    ]);
    expect(papers(text, { now: NOW })).toHaveLength(35);
  });

  it("rejects an entry without a title or without a date", () => {
    const text = "Daily Papers\n\n  • 3 authors\n·\nMar 1, 2024\n\nTitle two\n\nAbstract two\n\n  • 1 author\n";
    expect(errors(text, { now: NOW })).toEqual([
      { at: "line 3", error: "has no title before its author count" },
      { at: "line 11", error: "has no date line after its author count" },
    ]);
  });

  it("rejects a date in the future", () => {
    const text = "Title\n\nAbstract\n\n  • 1 author\n·\nMar 1, 2099\n";
    expect(errors(text, { now: NOW })[0]?.error).toBe("publishedAt is in the future");
  });
});
