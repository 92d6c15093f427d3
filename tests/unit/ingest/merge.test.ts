import { describe, expect, it } from "vitest";
import { planBatch } from "../../../lib/ingest/merge";
import type { PaperRow } from "../../../lib/papers/paper-row";
import type { PaperInput } from "../../../lib/papers/schema";

const paper = (overrides: Partial<PaperInput> = {}): PaperInput => ({
  arxivId: null,
  title: "Mamba: Linear-Time Sequence Modeling with Selective State Spaces",
  abstract: "Foundation models, now powering most of the exciting applications.",
  authors: [],
  authorCount: 2,
  publishedAt: new Date("2023-12-01"),
  categories: [],
  ...overrides,
});

const HF = { format: "hf-daily-json" } as const;
const rowOf = (input: PaperInput): PaperRow => planBatch([], [input], HF).inserts[0]!;

describe("planBatch", () => {
  it("inserts a new paper with its arXiv id as id, else a slug, feed day defaulting to publication", () => {
    const plan = planBatch([], [paper({ arxivId: "2312.00752" }), paper({ title: "Another Paper" })], HF);
    expect(plan.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(plan.inserts.map((row) => row.id)).toEqual(["2312.00752", "another-paper"]);
    expect(plan.inserts[0]!.feedDate).toEqual(new Date("2023-12-01"));
  });

  it("uses the --feed-date day only when the source has none of its own", () => {
    const feedDate = new Date("2024-01-05");
    const plan = planBatch([], [paper(), paper({ title: "Own day", feedDate: new Date("2024-02-02") })], { ...HF, feedDate });
    expect(plan.inserts.map((row) => row.feedDate)).toEqual([feedDate, new Date("2024-02-02")]);
  });

  it("finds an identical paper unchanged", () => {
    const stored = rowOf(paper({ arxivId: "2312.00752" }));
    expect(planBatch([stored], [paper({ arxivId: "2312.00752" })], HF)).toMatchObject({ inserts: [], updates: [], counts: { unchanged: 1 } });
  });

  it("merges a paper first seen without an id when a source brings one, renaming its row", () => {
    const stored = rowOf(paper({ authorCount: 2 }));
    const plan = planBatch(
      [stored],
      [paper({ arxivId: "2312.00752", title: "MAMBA: linear-time sequence modeling with selective state spaces", authors: ["Albert Gu", "Tri Dao"] })],
      HF,
    );
    expect(plan.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(plan.updates).toEqual([
      { id: stored.id, row: expect.objectContaining({ id: "2312.00752", arxivId: "2312.00752", authors: '["Albert Gu","Tri Dao"]' }) },
    ]);
  });

  it("keeps what a source does not know: names, categories, feed day, links", () => {
    const stored = rowOf(
      paper({
        arxivId: "2312.00752",
        authors: ["Albert Gu", "Tri Dao"],
        categories: ["cs.LG"],
        feedDate: new Date("2023-12-04"),
        codeUrl: "https://github.com/state-spaces/mamba",
      }),
    );
    const plan = planBatch([stored], [paper({ arxivId: "2312.00752", authorCount: 2 })], HF);
    expect(plan.counts.unchanged).toBe(1);
  });

  it("takes a newer abstract and a higher upvote count, never a lower one", () => {
    const stored = rowOf(paper({ arxivId: "2312.00752", upvotes: 10 }));
    const newer = planBatch([stored], [paper({ arxivId: "2312.00752", abstract: "Revised abstract.", upvotes: 12 })], HF);
    expect(newer.updates[0]!.row).toMatchObject({ abstract: "Revised abstract.", importedUpvotes: 12 });
    const older = planBatch([stored], [paper({ arxivId: "2312.00752", upvotes: 3 })], HF);
    expect(older.counts.unchanged).toBe(1);
  });

  it("keeps two different arXiv papers with the same title apart", () => {
    const stored = rowOf(paper({ arxivId: "2312.00752" }));
    const plan = planBatch([stored], [paper({ arxivId: "2401.00001" })], HF);
    expect(plan.counts.inserted).toBe(1);
  });

  it("makes one row of a paper listed twice in one batch", () => {
    const plan = planBatch([], [paper({ upvotes: 1 }), paper({ arxivId: "2312.00752", upvotes: 5 })], HF);
    expect(plan.inserts).toHaveLength(1);
    expect(plan.inserts[0]).toMatchObject({ id: "2312.00752", importedUpvotes: 5 });
    expect(plan.counts).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
  });

  it("never lets a less trusted source overwrite arXiv's metadata, but lets it fill gaps", () => {
    const stored = planBatch([], [paper({ arxivId: "2312.00752", abstract: "We use $8\\times$A800 GPUs." })], { format: "arxiv-atom" }).inserts[0]!;
    // Hugging Face strips inline TeX and an RSS date is the announcement day: neither wins.
    const fromHf = planBatch(
      [stored],
      [paper({ arxivId: "2312.00752", abstract: "We use 8timesA800 GPUs.", upvotes: 7, authors: ["Albert Gu", "Tri Dao"] })],
      HF,
    );
    expect(fromHf.updates[0]!.row).toMatchObject({
      abstract: stored.abstract,
      importedUpvotes: 7,
      authors: '["Albert Gu","Tri Dao"]',
      metadataSource: "arxiv-atom",
    });
    const fromFeed = planBatch([stored], [paper({ arxivId: "2312.00752", publishedAt: new Date("2023-12-05") })], { format: "feed" });
    expect(fromFeed.counts.unchanged).toBe(1);
    // An equally trusted source is newer information: it wins.
    const fromSnapshot = planBatch([stored], [paper({ arxivId: "2312.00752", abstract: "v2 abstract." })], { format: "arxiv-jsonl" });
    expect(fromSnapshot.updates[0]!.row).toMatchObject({ abstract: "v2 abstract.", metadataSource: "arxiv-jsonl" });
  });
});
