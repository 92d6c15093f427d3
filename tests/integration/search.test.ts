import fs from "node:fs";
import path from "node:path";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as searchRoute } from "../../app/api/papers/search/route";
import { setAppDatabase } from "../../lib/db/database";
import { ValidationError } from "../../lib/errors";
import { getPaper } from "../../lib/papers/queries";
import { relatedPapers } from "../../lib/search/related";
import { searchPapers } from "../../lib/search/search";
import { createUsers } from "../support/accounts";
import { setPaperHidden } from "../../lib/papers/admin";
import { providers, type TestDatabase } from "../support/databases";
import { loadSearchCorpus } from "../support/search-corpus";

const HOSTILE: string[] = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", "search", "hostile-queries.json"), "utf8"));
const ids = async (db: TestDatabase, q: string, options = {}) => (await searchPapers(db, { q, ...options })).hits.map((hit) => hit.paper.id);

describe.each(providers())("search on $name", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await provider.create();
    await loadSearchCorpus(db);
    setAppDatabase(db);
  }, 120_000);
  afterAll(async () => {
    setAppDatabase(undefined);
    await db.drop();
  });

  it("holds a few hundred papers", async () => {
    expect(await db.prisma.paper.count()).toBeGreaterThan(300);
  });

  it.each([
    ["mamba", "2312.00752"],
    ["selective state spaces", "2312.00752"],
    ["Tri Dao", "2312.00752"],
    ["kolmogorov arnold attention", "kolmogorov-arnold-attention-is-learnable-attention-better-for-vision-dae5face"],
    ['"sparse rate reduction"', "white-box-transformers-via-sparse-rate-reduction-compression-is-all-there-is"],
    ["diphoton Tevatron", "0704.0001"],
    ["Ricci flow", "math/0211159"],
    ["video language alignment", "vidla-video-language-alignment-at-scale"],
    ["knowledge editing hallucinations", "2410.16251"],
    ["contrastive loss batch", "2410.17243"],
    ["contrast", "2410.17243"],
  ])("%s -> %s first", async (q, expected) => {
    expect((await ids(db, q))[0]).toBe(expected);
  });

  it("stems: networks finds network, and accents fold both ways", async () => {
    const plural = await searchPapers(db, { q: "medusa networks" });
    expect(plural.hits[0]?.paper.title).toMatch(/^MEDUSA/);
    expect(await ids(db, "Balázs")).toContain("0704.0001");
    expect(await ids(db, "balazs")).toContain("0704.0001");
  });

  it("excludes -words and matches phrases in order", async () => {
    const all = await ids(db, "transformers", { limit: 100 });
    const withoutVision = await ids(db, "transformers -vision", { limit: 100 });
    expect(withoutVision.length).toBeGreaterThan(0);
    expect(withoutVision.length).toBeLessThan(all.length);
    expect(withoutVision).not.toContain("kolmogorov-arnold-attention-is-learnable-attention-better-for-vision-dae5face");
    expect(await ids(db, '"reduction rate sparse"')).toEqual([]);
  });

  it("highlights matches on escaped text", async () => {
    const results = await searchPapers(db, { q: "sparse rate" });
    expect(results.hits[0]!.titleHtml).toContain("<mark>Sparse</mark> <mark>Rate</mark>");
    expect(results.hits[0]!.snippetHtml).toContain("<mark>sparse</mark> <mark>rate</mark>");
  });

  it("corrects a typo against the index's vocabulary", async () => {
    const results = await searchPapers(db, { q: "tranformers" });
    expect(results.correctedFrom).toBe("tranformers");
    expect(results.total).toBeGreaterThan(0);
    expect(results.hits.some((hit) => /transformer/i.test(hit.paper.title + hit.paper.abstract))).toBe(true);
    const twoWords = await searchPapers(db, { q: "diphotn tevatron" });
    expect(twoWords.hits[0]?.paper.id).toBe("0704.0001");
  });

  it("filters by date and category, sorts, and pages", async () => {
    const filtered = await searchPapers(db, {
      q: "learning",
      filters: { category: "cs.CL", from: new Date("2024-01-01"), before: new Date("2024-02-01") },
      limit: 200,
    });
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.hits.every((hit) => hit.paper.categories.includes("cs.CL") && hit.paper.publishedAt.startsWith("2024-01"))).toBe(true);
    const newest = (await searchPapers(db, { q: "learning", sort: "newest", limit: 50 })).hits.map((hit) => hit.paper.publishedAt);
    expect(newest).toEqual([...newest].sort().reverse());
    const page0 = await ids(db, "learning", { limit: 5 });
    const page1 = await ids(db, "learning", { limit: 5, page: 1 });
    expect(page1).toHaveLength(5);
    expect(page1.some((id) => page0.includes(id))).toBe(false);
  });

  it("keeps the index in step with updates, merges and hiding", async () => {
    const [admin] = await createUsers(db, 1, { admin: true });
    await setPaperHidden(db, { user: admin!, paperId: "2312.00752", hidden: true });
    expect(await ids(db, "mamba")).toEqual([]);
    await setPaperHidden(db, { user: admin!, paperId: "2312.00752", hidden: false });
    await db.prisma.paper.update({ where: { id: "2312.00752" }, data: { title: "Cobra: a renamed paper" } });
    expect(await ids(db, "cobra")).toEqual(["2312.00752"]);
  });

  it("offers related papers, never the paper itself", async () => {
    const paper = await getPaper(db, "vidla-video-language-alignment-at-scale");
    const related = await relatedPapers(db, paper);
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(5);
    expect(related.map((item) => item.id)).not.toContain(paper.id);
  });

  it(`answers ${HOSTILE.length} hostile queries without an error`, async () => {
    for (const q of HOSTILE) {
      await expect(searchPapers(db, { q }), JSON.stringify(q)).resolves.toBeDefined();
    }
    await expect(searchPapers(db, { q: "x".repeat(251) })).rejects.toBeInstanceOf(ValidationError);
  });

  it("answers hostile queries over HTTP with 200 or a 400 that says why, never a 500", async () => {
    for (const q of [...HOSTILE, "x".repeat(251), "a".repeat(1000)]) {
      const response = await searchRoute(new Request(`http://localhost/api/papers/search?q=${encodeURIComponent(q)}`));
      expect([200, 400], JSON.stringify(q)).toContain(response.status);
      if (response.status === 400) expect((await response.json()).error).toMatch(/at most 250 characters/);
    }
    for (const bad of ["limit=0", "limit=121", "limit=abc", "sort=best", "from=2024-13-01", "category=hallucination", "p=-1"]) {
      const response = await searchRoute(new Request(`http://localhost/api/papers/search?q=learning&${bad}`));
      expect(response.status, bad).toBe(400);
    }
    const ok = await searchRoute(new Request("http://localhost/api/papers/search?q=ricci%20flow&limit=3"));
    expect((await ok.json())[0]).toMatchObject({ paper: { id: "math/0211159" }, title: expect.stringMatching(/Ricci flow/) });
  });

  it("reads the first 12 words of a pasted title and says which words it ignored", async () => {
    const results = await searchPapers(db, { q: "White-Box Transformers via Sparse Rate Reduction: Compression Is All There Is? (NeurIPS 2023 version)" });
    expect(results.hits[0]?.paper.id).toBe("white-box-transformers-via-sparse-rate-reduction-compression-is-all-there-is");
    expect(results.ignoredWords).toEqual(["neurips", "2023", "version"]);
    expect((await searchPapers(db, { q: "mamba" })).ignoredWords).toEqual([]);
  });

  it("refuses an over-long query with a ZodError-free ValidationError message", async () => {
    const error = await searchPapers(db, { q: "y".repeat(300) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(ZodError);
  });
});
