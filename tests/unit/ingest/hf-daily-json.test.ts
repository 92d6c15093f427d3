import { describe, expect, it } from "vitest";
import { parseHfDailyJson } from "../../../lib/ingest/formats/hf-daily-json";
import { readFixture, split } from "../../support/fixtures";

describe("hf-daily-json", () => {
  it("reads /api/daily_papers entries: names, feed day, upvotes, links, unwrapped text", () => {
    const { papers, rejected } = split(parseHfDailyJson(readFixture("hf-daily-papers.json")));
    expect(rejected).toEqual([]);
    expect(papers.length).toBeGreaterThanOrEqual(4);
    const first = papers[0]!;
    expect(first).toMatchObject({
      arxivId: "2410.17243",
      authorCount: 9,
      upvotes: 64,
      publishedAt: new Date("2024-10-22"),
      feedDate: new Date("2024-10-25"),
      codeUrl: "https://github.com/DAMO-NLP-SG/Inf-CLIP",
      thumbnailUrl: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.17243.png",
      sourceSubmitter: "Zesen Cheng",
    });
    expect(first.authors.slice(0, 2)).toEqual(["Zesen Cheng", "Hang Zhang"]);
    expect(first.title).toMatch(/^Breaking the Memory Barrier/);
    // The API keeps arXiv's hard wraps; stored text has none.
    expect(papers.every((paper) => !/\s{2}|\n/.test(paper.abstract) && !/\n/.test(paper.title))).toBe(true);
    expect(papers.find((paper) => paper.arxivId === "2410.16251")?.projectUrl).toBe("https://llm-editing.github.io/");
  });

  it("keeps only an https thumbnail, and a bad one costs the paper nothing; the submitter's display name, else account name", () => {
    const entry = (thumbnail: unknown, submittedBy: unknown) =>
      JSON.stringify([
        {
          paper: { id: "2410.17243", title: "T", summary: "", publishedAt: "2024-10-22T00:00:00Z", authors: [] },
          publishedAt: "2024-10-25T00:00:00Z",
          thumbnail,
          submittedBy,
        },
      ]);
    for (const bad of ["javascript:alert(1)", "http://plain.example/x.png", 'https://x.example/a"onerror=1', 42, ""]) {
      const { papers, rejected } = split(parseHfDailyJson(entry(bad, null)));
      expect(rejected, String(bad)).toEqual([]);
      expect(papers[0]!.thumbnailUrl, String(bad)).toBeUndefined();
    }
    const named = (submittedBy: unknown) => split(parseHfDailyJson(entry(undefined, submittedBy))).papers[0]!.sourceSubmitter;
    expect(named({ name: "ClownRat", fullname: "Zesen  Cheng" })).toBe("Zesen Cheng");
    expect(named({ name: "ClownRat" })).toBe("ClownRat");
    expect(named({ fullname: "   " })).toBeUndefined();
    expect(named("not an object")).toBeUndefined();
  });

  it("reads a single /api/papers/{id} object, which has no daily entry around it", () => {
    const { papers } = split(parseHfDailyJson(readFixture("hf-paper.json")));
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ arxivId: "2407.13168", authorCount: 30, upvotes: 17, publishedAt: new Date("2024-07-18") });
  });

  it("rejects each malformed entry with its index and reason, keeping the valid ones", () => {
    const { papers, rejected } = split(parseHfDailyJson(readFixture("hf-daily-papers-malformed.json")));
    expect(papers.map((paper) => paper.arxivId)).toEqual(["2410.17243", "2407.13168"]);
    expect(rejected).toEqual([
      { at: "entry 1", error: "title is missing" },
      { at: "entry 2", error: expect.stringContaining("is not a valid date") },
      { at: "entry 3", error: "is not an object" },
      { at: "entry 4", error: "upvotes cannot be negative" },
    ]);
  });

  it("refuses a document that is not JSON as a whole", () => {
    expect(parseHfDailyJson('[{"paper": {"id": "2312.00752"')).toEqual([{ at: "document", error: expect.stringMatching(/^is not valid JSON/) }]);
  });

  it("rejects an id that is not an arXiv id", () => {
    const records = parseHfDailyJson(JSON.stringify([{ paper: { id: "../../etc/passwd", title: "x", summary: "y", publishedAt: "2024-01-01" } }]));
    expect(records).toEqual([{ at: "entry 0", error: 'id "../../etc/passwd" is not an arXiv id' }]);
  });
});
