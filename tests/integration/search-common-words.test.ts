import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFromSource } from "../../lib/ingest/run";
import { searchPapers } from "../../lib/search/search";
import { EXACT_POSTINGS, RECENT_WINDOW } from "../../lib/db/sqlite/search";
import { providers, type TestDatabase } from "../support/databases";

// A word in more papers than SQLite's search scores exactly (lib/db/sqlite/search.ts) takes
// the other path: the newest RECENT_WINDOW matches, title matches first. The relevance suite's
// few hundred papers never reach it; this corpus does.
const PAPERS = EXACT_POSTINGS + 300;
// Every 100th paper has "ubiquitous" in its title too; every paper has it in the abstract.
const titled = (index: number) => index % 100 === 0;
const arxivId = (index: number) => `2401.${String(index).padStart(5, "0")}`;

describe("search for a word in most papers, on SQLite", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await providers()[0]!.create();
    const lines = Array.from({ length: PAPERS }, (_, index) =>
      JSON.stringify({
        id: arxivId(index),
        title: titled(index) ? `Ubiquitous structures number ${index}` : `Plain structures number ${index}`,
        abstract: `A ubiquitous pattern studied in paper ${index}.`,
        authors_parsed: [["Author", `Number ${index % 13}`, ""]],
        categories: "cs.LG",
        // arXiv id order is date order, as in the real snapshot (a day each: dates are kept to the day).
        versions: [{ version: "v1", created: new Date(Date.UTC(2012, 0, 1) + index * 86_400_000).toUTCString() }],
      }),
    );
    await ingestFromSource(db, { source: "-", stdin: Readable.from([Buffer.from(lines.join("\n"))]) });
  }, 60_000);
  afterAll(async () => db?.drop());

  it("ranks the newest matches, those with the word in the title first, and counts them as a lower bound", async () => {
    const results = await searchPapers(db, { q: "ubiquitous ", limit: 20 });
    expect(results.total).toBe(RECENT_WINDOW);
    expect(results.totalIsLowerBound).toBe(true);
    const newestTitled = Array.from({ length: PAPERS }, (_, index) => PAPERS - 1 - index)
      .filter(titled)
      .slice(0, 5)
      .map(arxivId);
    expect(results.hits.slice(0, 5).map((hit) => hit.paper.id)).toEqual(newestTitled);
    // After the title matches, the rest of the window, newest first.
    expect(results.hits[5]!.paper.id).toBe(arxivId(PAPERS - 1));
    expect(results.hits[5]!.snippetHtml).toContain("<mark>ubiquitous</mark>");
  });

  it("sorts the window by date on request and pages through it", async () => {
    const newest = await searchPapers(db, { q: "ubiquitous ", sort: "newest", limit: 20, page: 1 });
    expect(newest.hits.map((hit) => hit.paper.id)).toEqual(Array.from({ length: 20 }, (_, index) => arxivId(PAPERS - 21 - index)));
  });

  it("leaves hidden papers out", async () => {
    const newestId = arxivId(PAPERS - 1);
    await db.prisma.paper.update({ where: { id: newestId }, data: { hidden: true } });
    const results = await searchPapers(db, { q: "ubiquitous", sort: "newest", limit: 5 });
    expect(results.hits.map((hit) => hit.paper.id)).not.toContain(newestId);
    expect(results.hits[0]!.paper.id).toBe(arxivId(PAPERS - 2));
    await db.prisma.paper.update({ where: { id: newestId }, data: { hidden: false } });
  });

  it("finds the matches of a date range however far back it lies, counted exactly", async () => {
    const results = await searchPapers(db, {
      q: "ubiquitous ",
      sort: "newest",
      limit: 50,
      filters: { from: new Date("2014-01-01"), before: new Date("2014-02-01") },
    });
    expect(results).toMatchObject({ total: 31, totalIsLowerBound: false });
    const days = results.hits.map((hit) => hit.paper.publishedAt.slice(0, 10));
    expect(days[0]).toBe("2014-01-31");
    expect(days.at(-1)).toBe("2014-01-01");
  });

  it("counts exactly when the matches do not fill the window, or the words are rare", async () => {
    // Common words, but the phrase is in every 100th title only: fewer matches than the window.
    const phrase = await searchPapers(db, { q: '"ubiquitous structures" number ' });
    expect(phrase).toMatchObject({ total: Math.ceil(PAPERS / 100), totalIsLowerBound: false });
    const rare = await searchPapers(db, { q: "4200 " });
    expect(rare).toMatchObject({ total: 1, totalIsLowerBound: false });
  });
});
