import { Readable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXACT_CANDIDATES, planSearch, RECENT_WINDOW as POSTGRES_WINDOW } from "../../lib/db/postgres/search-plan";
import { readSearchStats } from "../../lib/db/postgres/search-stats";
import { SearchUnavailableError } from "../../lib/errors";
import { ingestFromSource } from "../../lib/ingest/run";
import { parseSearchQuery } from "../../lib/search/query";
import { searchPapers } from "../../lib/search/search";
import { EXACT_POSTINGS, RECENT_WINDOW as SQLITE_WINDOW } from "../../lib/db/sqlite/search";
import { providers, type TestDatabase } from "../support/databases";

// A word in more papers than SQLite's search scores exactly (lib/db/sqlite/search.ts) takes
// the other path: the newest RECENT_WINDOW matches, title matches first. The relevance suite's
// few hundred papers never reach it; this corpus does. PostgreSQL's search (lib/db/postgres/
// search-plan.ts) takes the same path for it: it walks its newest papers.
const PAPERS = Math.max(EXACT_POSTINGS, EXACT_CANDIDATES) + 300;
// Every 100th paper has "ubiquitous" in its title too; every paper has it in the abstract.
const titled = (index: number) => index % 100 === 0;
const arxivId = (index: number) => `2401.${String(index).padStart(5, "0")}`;

describe.each(providers())("search for a word in most papers, on $name", (provider) => {
  const RECENT_WINDOW = provider.name === "sqlite" ? SQLITE_WINDOW : POSTGRES_WINDOW;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await provider.create();
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
    // The window's papers with the word in the title (one in a hundred), newest first...
    const newestTitled = Array.from({ length: RECENT_WINDOW }, (_, index) => PAPERS - 1 - index)
      .filter(titled)
      .map(arxivId);
    expect(newestTitled.length).toBeGreaterThanOrEqual(3);
    expect(results.hits.slice(0, newestTitled.length).map((hit) => hit.paper.id)).toEqual(newestTitled);
    // ...then the rest of the window, newest first.
    const rest = results.hits[newestTitled.length]!;
    expect(rest.paper.id).toBe(arxivId(PAPERS - 1));
    expect(rest.snippetHtml).toContain("<mark>ubiquitous</mark>");
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

// PostgreSQL's GIN index keeps no positions and each paper it hands over costs a heap fetch and a
// detoasted tsvector, so a word too common to rank every match, yet too rare to meet often among
// the newest papers, is matched within the newest dates that should hold enough candidates
// (publishedAt's histogram says which). A corpus written in SQL: the search trigger fills the
// index as ingest does, and the vocabulary and the statistics are brought up to date after.
const MIDDLING_PAPERS = 96_000;
const PER_DAY = 100;
// In every 16th paper's title: more than an exact ranking takes, too few for the walk to find
// its window among the newest papers it checks. Every 48th has it twice.
const SPORADIC_EVERY = 16;
const TWICE_EVERY = 48;
const middlingId = (index: number) => `middling-${String(index).padStart(5, "0")}`;
const middlingDay = (index: number) => new Date(Date.UTC(2023, 0, 1) + Math.floor(index / PER_DAY) * 86_400_000);
// Papers of one day come in any order among equals: their days are what is pinned.
const days = (ids: string[]) => ids.map((id) => middlingDay(Number(id.slice(-5))).toISOString());

describe.skipIf(!providers().some((provider) => provider.name === "postgres"))("search for a word in some papers, on PostgreSQL", () => {
  let db: TestDatabase;
  const sporadic = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, offset) => to - 1 - offset)
      .filter((index) => index % SPORADIC_EVERY === 0)
      .map(middlingId);
  beforeAll(async () => {
    db = await providers()
      .find((provider) => provider.name === "postgres")!
      .create();
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "Paper" ("id", "titleKey", "title", "abstract", "authorCount", "publishedAt", "feedDate", "metadataSource", "updatedAt")
       SELECT 'middling-' || lpad(n::text, 5, '0'), 'paper ' || n, t.title, 'A study of structures, numbered ' || n || '.', 1, day, day, 'arxiv-jsonl', now()
       FROM generate_series(0, ${MIDDLING_PAPERS - 1}) n,
         LATERAL (SELECT timestamp '2023-01-01' + (n / ${PER_DAY}) * interval '1 day' AS day) d,
         LATERAL (SELECT CASE WHEN n % ${TWICE_EVERY} = 0 THEN 'Sporadic sporadic structures ' || n WHEN n % ${SPORADIC_EVERY} = 0 THEN 'Sporadic structures ' || n
                              ELSE 'Plain structures ' || n END AS title) t`,
    );
    await db.store.search.refreshVocabulary();
    await db.prisma.$executeRawUnsafe(`ANALYZE "Paper"`);
  }, 120_000);
  afterAll(async () => db?.drop());

  it("holds a word more common than an exact ranking takes and rarer than a walk finds: it is matched in a slice", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const parsed = parseSearchQuery("sporadic ");
      const { stats } = await readSearchStats(client, parsed, undefined);
      expect(planSearch(parsed, {}, stats).strategies.map((strategy) => strategy.kind)).toEqual(["slice"]);
    } finally {
      await client.end();
    }
  });

  it("ranks the newest matches within a slice of the newest dates, and counts them as a lower bound", async () => {
    const results = await searchPapers(db, { q: "sporadic ", limit: 20 });
    expect(results.totalIsLowerBound).toBe(true);
    expect(results.total).toBeGreaterThanOrEqual(POSTGRES_WINDOW);
    // Twice in the title ranks first: the newest such papers (of one day, by id).
    const twice = sporadic(0, MIDDLING_PAPERS).filter((id) => Number(id.slice(-5)) % TWICE_EVERY === 0);
    const byDayThenId = (a: string, b: string) => days([b])[0]!.localeCompare(days([a])[0]!) || a.localeCompare(b);
    expect(results.hits.slice(0, 5).map((hit) => hit.paper.id)).toEqual(twice.sort(byDayThenId).slice(0, 5));
    const newest = await searchPapers(db, { q: "sporadic ", sort: "newest", limit: 20, page: 1 });
    expect(days(newest.hits.map((hit) => hit.paper.id))).toEqual(days(sporadic(0, MIDDLING_PAPERS).slice(20, 40)));
  });

  it("counts exactly within a date range the slice reaches across", async () => {
    const results = await searchPapers(db, {
      q: "sporadic ",
      limit: 50,
      filters: { from: middlingDay(10_000), before: middlingDay(10_000 + 4 * PER_DAY) },
    });
    expect(results).toMatchObject({ total: (4 * PER_DAY) / SPORADIC_EVERY, totalIsLowerBound: false });
    expect(results.hits.map((hit) => hit.paper.id).sort()).toEqual(sporadic(10_000, 10_000 + 4 * PER_DAY).sort());
  });

  it("requires every word but stop words, which it reports as not required", async () => {
    const plain = await searchPapers(db, { q: "sporadic ", limit: 20 });
    const withStopWords = await searchPapers(db, { q: "the sporadic of ", limit: 20 });
    expect(withStopWords.commonWords).toEqual(["the", "of"]);
    expect(withStopWords.hits.map((hit) => hit.paper.id)).toEqual(plain.hits.map((hit) => hit.paper.id));
    const onlyStopWords = await searchPapers(db, { q: "the of ", sort: "newest", limit: 5 });
    expect(onlyStopWords).toMatchObject({ total: POSTGRES_WINDOW, totalIsLowerBound: true, commonWords: ["the", "of"] });
    expect(days(onlyStopWords.hits.map((hit) => hit.paper.id))).toEqual(days(Array.from({ length: 5 }, (_, index) => middlingId(MIDDLING_PAPERS - 1 - index))));
  });

  it("stops a search that cannot answer within the timeout, as a 503 that says to try again", async () => {
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      // A table rewrite holds this lock (VACUUM FULL, a migration): searches wait behind it.
      await blocker.query(`BEGIN; LOCK TABLE "Paper" IN ACCESS EXCLUSIVE MODE`);
      const error = await searchPapers(db, { q: "structures sporadic " }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SearchUnavailableError);
      expect((error as SearchUnavailableError).status).toBe(503);
    } finally {
      await blocker.query("ROLLBACK");
      await blocker.end();
    }
  });
});
