import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFromSource } from "../../lib/ingest/run";
import { listAllPapers } from "../../lib/papers/queries";
import { SAMPLE_FILE } from "../../prisma/seed";
import { providers, type TestDatabase } from "../support/databases";

// The foundation's acceptance check, on every database: the real Daily Papers page goes in
// whole, exactly, and a second run changes nothing.
describe.each(providers())("ingesting the sample page on $name", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await provider.create();
  });
  afterAll(() => db.drop());

  it("inserts 37 papers, then finds all 37 unchanged", async () => {
    const first = await ingestFromSource(db, { source: SAMPLE_FILE });
    expect(first).toMatchObject({ format: "hf-page-text", read: 37, inserted: 37, updated: 0, unchanged: 0, rejected: [], assumedYear: 2025 });
    const second = await ingestFromSource(db, { source: SAMPLE_FILE });
    expect(second).toMatchObject({ read: 37, inserted: 0, updated: 0, unchanged: 37 });
    expect(await db.prisma.paper.count()).toBe(37);
  });

  it("stores exact titles, abstracts, author counts, dates and upvotes", async () => {
    const { papers, nextCursor } = await listAllPapers(db, { limit: 100 });
    expect(nextCursor).toBeNull();
    expect(papers).toHaveLength(37);
    const byTitle = new Map(papers.map((paper) => [paper.title, paper]));

    const kan = byTitle.get("Kolmogorov-Arnold Attention: Is Learnable Attention Better For Vision Transformers?");
    expect(kan).toMatchObject({ authorCount: 4, upvotes: 3, publishedAt: "2025-03-13T00:00:00.000Z", feedDate: "2025-12-12T00:00:00.000Z" });
    expect(kan?.abstract).toMatch(/^Kolmogorov-Arnold networks \(KANs\) are a remarkable innovation .* available on: https:\/\/subhajitmaity\.me\/KArAt$/);

    expect(byTitle.get("White-Box Transformers via Sparse Rate Reduction: Compression Is All There Is?")).toMatchObject({
      authorCount: 10,
      upvotes: 0,
      publishedAt: "2023-11-21T00:00:00.000Z",
    });
    expect(byTitle.get("VidLA: Video-Language Alignment at Scale")).toMatchObject({ authorCount: 8, upvotes: 1, publishedAt: "2024-03-21T00:00:00.000Z" });
    expect(byTitle.get("Efficient Online Processing with Deep Neural Networks")).toMatchObject({ authorCount: 1, upvotes: 0 });
    // LaTeX is kept as written.
    expect([...byTitle.keys()].some((title) => title.includes("$\\mathcal{L}$-Lipschitz"))).toBe(true);

    expect(papers.reduce((sum, paper) => sum + paper.upvotes, 0)).toBe(6);
    expect(papers.every((paper) => paper.abstract.length > 200 && paper.authors.length === 0)).toBe(true);
    const yearless = papers.filter((paper) => paper.publishedAt.startsWith("2025-"));
    expect(yearless).toHaveLength(7);
  });

  it("pages through /api/papers order with a cursor, every paper once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAllPapers(db, { limit: 10, cursor });
      seen.push(...page.papers.map((paper) => paper.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);
    expect([...seen].sort()).toEqual(seen);
  });
});
