import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../lib/db/database";
import { ingestRecords } from "../../lib/ingest/ingest";
import type { ParsedRecord } from "../../lib/ingest/record";
import type { PaperInput } from "../../lib/papers/schema";
import { parseSearchQuery } from "../../lib/search/query";
import { providers, type TestDatabase } from "../support/databases";

/*
 * What the PostgreSQL batch writer does its own way: text and dates through COPY's text format,
 * a bulk batch's search entries merged into the index on a second connection, and a vocabulary
 * refresh that writes only what changed. The suites shared with SQLite cover the merge rules.
 */

const postgres = providers().find((provider) => provider.name === "postgres");

// Every character COPY's text format treats specially, and the strings that look like its escapes.
const HOSTILE = [
  "a\ttab",
  "a back\\slash, a \\N, a \\t and a \\\\ that are text",
  "a line\nbreak, a CRLF\r\nand a lone CR\r.",
  "before\n\\.\nafter: the end-of-data marker on a line of its own",
  "\\.",
  "\\N",
  "ends in a backslash\\",
  `"double" and 'single' quotes, a comma, a semicolon; |pipes|`,
  "Ünïcödé — 数学 😀 e\u0301 \u2028 separators \u200f RTL \ufeff",
];

const paper = (index: number, overrides: Partial<PaperInput> = {}): PaperInput => ({
  arxivId: `2405.${String(10_000 + index)}`,
  title: `Bulk paper ${index} on quasicrystal tilings`,
  abstract: `Aperiodic order in paper ${index}.`,
  authors: [`Author ${index}`],
  authorCount: 1,
  publishedAt: new Date(Date.UTC(2024, 4, 1 + (index % 28))),
  feedDate: new Date(Date.UTC(2024, 4, 2 + (index % 28))),
  upvotes: index,
  categories: ["math.MG"],
  ...overrides,
});

async function ingest(db: Database, papers: PaperInput[], batchSize?: number) {
  const records = (async function* (): AsyncIterable<ParsedRecord> {
    for (const [index, item] of papers.entries()) yield { at: `item ${index}`, paper: item };
  })();
  return ingestRecords(db, records, { format: "arxiv-jsonl", batchSize });
}

describe.skipIf(!postgres)("bulk ingest on PostgreSQL", () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await postgres!.create();
  });
  afterEach(() => db.drop());

  it("stores hostile text exactly as given, through COPY's inserts and its staged updates", async () => {
    const hostile = (shift: number) =>
      HOSTILE.map((text, index) => {
        const other = HOSTILE[(index + shift) % HOSTILE.length]!;
        return paper(index, { title: `${text} ${index}`, abstract: other, authors: [text, other], authorCount: 2, codeUrl: `https://example.org/${other}` });
      });
    const stored = () =>
      db.prisma.paper.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, abstract: true, authors: true, codeUrl: true, pdfUrl: true } });
    const expected = (papers: PaperInput[]) =>
      papers.map((item) => ({
        id: item.arxivId,
        title: item.title,
        abstract: item.abstract,
        authors: JSON.stringify(item.authors),
        codeUrl: item.codeUrl,
        pdfUrl: null,
      }));

    expect(await ingest(db, hostile(1))).toMatchObject({ inserted: HOSTILE.length });
    expect(await stored()).toEqual(expected(hostile(1)));
    // The same papers with other text: every row goes through the staging table and the UPDATE.
    expect(await ingest(db, hostile(2))).toMatchObject({ inserted: 0, updated: HOSTILE.length });
    expect(await stored()).toEqual(expected(hostile(2)));
    // An empty abstract is an empty string, not COPY's NULL (the column would refuse it).
    await ingest(db, [paper(99, { abstract: "" })]);
    expect(await db.prisma.paper.findUniqueOrThrow({ where: { id: paper(99).arxivId! } })).toMatchObject({ abstract: "", pdfUrl: null });
  });

  it("writes UTC days and timestamps whatever the process's and the session's time zone", async () => {
    // Both far from UTC and on opposite sides of it: a day written in either zone's local time lands on another day.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${new URL(db.url).pathname.slice(1)}" SET timezone = 'Pacific/Kiritimati'`);
    await admin.end();
    const zone = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      const before = Date.now();
      await ingest(db, [paper(1)]);
      await ingest(db, [paper(1, { upvotes: 99 })]);
      const [row] = await db.prisma.$queryRawUnsafe<Array<{ published: string; feed: string; created: number; updated: number }>>(
        `SELECT to_char("publishedAt", 'YYYY-MM-DD HH24:MI:SS.MS') AS published, to_char("feedDate", 'YYYY-MM-DD HH24:MI:SS.MS') AS feed,
                extract(epoch FROM "createdAt" AT TIME ZONE 'UTC')::float8 * 1000 AS created, extract(epoch FROM "updatedAt" AT TIME ZONE 'UTC')::float8 * 1000 AS updated
         FROM "Paper"`,
      );
      expect(row).toMatchObject({ published: "2024-05-02 00:00:00.000", feed: "2024-05-03 00:00:00.000" });
      expect(row!.created).toBeGreaterThanOrEqual(before - 1_000);
      expect(row!.updated).toBeGreaterThanOrEqual(row!.created);
      expect(row!.updated).toBeLessThanOrEqual(Date.now() + 1_000);
    } finally {
      process.env.TZ = zone;
    }
  });

  it("merges a bulk ingest's search entries into the index by the time it ends", async () => {
    const papers = Array.from({ length: 7_200 }, (_, index) => paper(index));
    // Six bulk batches: the first four's entries are merged while the next are written, the rest at the end.
    expect(await ingest(db, papers, 1_200)).toMatchObject({ inserted: 7_200 });
    const [pending] = await db.prisma.$queryRawUnsafe<Array<{ pages: bigint }>>(`SELECT gin_clean_pending_list('"Paper_search_idx"') AS pages`);
    expect(Number(pending!.pages)).toBe(0);
    const found = await db.store.search.match({ parsed: parseSearchQuery("quasicrystal"), filters: {}, sort: "newest", limit: 1, offset: 0 });
    expect(found.total).toBe(7_200);
    expect(await ingest(db, papers, 1_200)).toMatchObject({ inserted: 0, updated: 0, unchanged: 7_200 });
  });

  it("makes one row per paper when two bulk ingests of the same papers run at once", async () => {
    // Half without an arXiv id, found by title alone.
    const papers = Array.from({ length: 3_000 }, (_, index) => paper(index, index % 2 ? { arxivId: null } : {}));
    const other = openDatabase(db.url);
    try {
      const [a, b] = await Promise.all([ingest(db, papers, 1_000), ingest(other, papers, 1_000)]);
      expect(a.inserted + b.inserted).toBe(3_000);
      expect(a.unchanged + b.unchanged).toBe(3_000);
      expect(await db.prisma.paper.count()).toBe(3_000);
    } finally {
      await other.close();
    }
  });

  it("refreshes the vocabulary by writing only the terms that changed", async () => {
    const vocabularyInStep = async () => {
      const [counts] = await db.prisma.$queryRawUnsafe<Array<Record<string, bigint>>>(
        `WITH stat AS (SELECT word, ndoc FROM ts_stat('SELECT "search" FROM "Paper"'))
         SELECT (SELECT count(*) FROM stat) AS vocabulary, (SELECT count(*) FROM "SearchTerm") AS terms,
                (SELECT count(*) FROM stat JOIN "SearchTerm" s ON s.term = stat.word AND s.docs = stat.ndoc) AS same`,
      );
      expect(counts!.terms).toBe(counts!.vocabulary);
      expect(counts!.same).toBe(counts!.vocabulary);
    };
    const versions = async () =>
      new Map(
        (await db.prisma.$queryRawUnsafe<Array<{ term: string; xmin: string }>>(`SELECT term, xmin::text FROM "SearchTerm"`)).map((row) => [
          row.term,
          row.xmin,
        ]),
      );
    const trigramsOf = async (term: string) =>
      (await db.prisma.$queryRawUnsafe<Array<{ trigram: string }>>(`SELECT trigram FROM "SearchTrigram" WHERE term = $1 ORDER BY trigram`, term)).map(
        (row) => row.trigram,
      );

    await ingest(db, [paper(1, { abstract: "Penrose rhombuses everywhere." }), paper(2, { abstract: "Penrose kites and darts." })]);
    await db.store.search.refreshVocabulary();
    await vocabularyInStep();
    expect(await trigramsOf("rhombus")).toEqual([" rh", "bus", "hom", "mbu", "omb", "rho", "us "]);
    const before = await versions();

    // One word goes (its only paper changes), one comes, one count drops, the rest stay as they are.
    await ingest(db, [paper(1, { abstract: "Ammann bars everywhere." })]);
    await db.store.search.refreshVocabulary();
    await vocabularyInStep();
    const after = await versions();
    expect(after.has("rhombus")).toBe(false);
    expect(await trigramsOf("rhombus")).toEqual([]);
    expect(await trigramsOf("ammann")).toEqual([" am", "amm", "ann", "man", "mma", "nn "]);
    const rewritten = [...after].filter(([term, version]) => before.get(term) !== version).map(([term]) => term);
    expect(rewritten.sort()).toEqual(["ammann", "bar", "penros"]);
  });
});
