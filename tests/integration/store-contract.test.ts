import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../lib/db/database";
import { ingestFromSource } from "../../lib/ingest/run";
import { setPaperHidden } from "../../lib/papers/admin";
import { READ_COLUMNS } from "../../lib/papers/paper-row";
import type { PaperInput } from "../../lib/papers/schema";
import { setUpvote } from "../../lib/papers/upvotes";
import { parseSearchQuery } from "../../lib/search/query";
import { createUsers } from "../support/accounts";
import { fixturePath } from "../support/fixtures";
import { providers, type TestDatabase } from "../support/databases";

// The storage interface (lib/db/store.ts) holds the same promises on every engine: one set of
// cases, run on SQLite and PostgreSQL alike, against real databases.

const PAPER = "2410.17243";

const paper = (index: number, overrides: Partial<PaperInput> = {}): PaperInput => ({
  arxivId: `2401.${String(10_000 + index)}`,
  title: `Contract paper number ${index} about graph sparsifiers`,
  abstract: `An abstract that talks about spectral sparsification, paper ${index}.`,
  authors: [`Author ${index}`],
  authorCount: 1,
  publishedAt: new Date(Date.UTC(2024, 0, 1 + (index % 28))),
  feedDate: new Date(Date.UTC(2024, 0, 2 + (index % 28))),
  upvotes: index,
  categories: ["cs.DS"],
  ...overrides,
});

describe.each(providers())("the store on $name", (provider) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await provider.create();
    await ingestFromSource(db, { source: fixturePath("hf-daily-papers.json") });
  });
  afterEach(() => db.drop());

  it("reads papers by id in the order asked, skipping unknown ids, with every column in its type", async () => {
    const all = await db.prisma.paper.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    const ids = [all[2]!.id, "no-such-paper", all[0]!.id, all[1]!.id];
    const records = await db.store.papersByIds(ids);
    expect(records.map((record) => record.id)).toEqual([all[2]!.id, all[0]!.id, all[1]!.id]);
    const record = (await db.store.papersByIds([PAPER]))[0]!;
    expect(Object.keys(record).sort()).toEqual([...READ_COLUMNS, "comments", "submitter"].sort());
    const stored = await db.prisma.paper.findUniqueOrThrow({ where: { id: PAPER } });
    for (const column of READ_COLUMNS) expect(record[column], column).toEqual(stored[column]);
    expect(record.publishedAt).toBeInstanceOf(Date);
    expect(record.hidden).toBe(false);
    expect(record).toMatchObject({ comments: 0, submitter: null });
    expect(await db.store.papersByIds([])).toEqual([]);
  });

  it("counts comments and names the submitter", async () => {
    const [ada] = await createUsers(db, 1);
    await db.prisma.comment.createMany({
      data: [1, 2].map((index) => ({ id: `c${index}`, paperId: PAPER, userId: ada!.id, body: `Comment ${index}` })),
    });
    await db.prisma.submission.create({ data: { paperId: PAPER, userId: ada!.id } });
    expect((await db.store.papersByIds([PAPER]))[0]).toMatchObject({ comments: 2, submitter: ada!.name });
  });

  it("says which of a page's papers an account upvoted, and no one else's votes", async () => {
    const [ada, bob] = await createUsers(db, 2);
    const all = (await db.prisma.paper.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((row) => row.id);
    await setUpvote(db, { userId: ada!.id, paperId: all[0]!, upvoted: true });
    await setUpvote(db, { userId: ada!.id, paperId: all[2]!, upvoted: true });
    await setUpvote(db, { userId: bob!.id, paperId: all[1]!, upvoted: true });
    const page = [all[2]!, all[1]!, "no-such-paper", all[0]!];
    expect((await db.store.upvotedAmong(ada!.id, page)).sort()).toEqual([all[0]!, all[2]!].sort());
    expect(await db.store.upvotedAmong(bob!.id, page)).toEqual([all[1]!]);
    expect(await db.store.upvotedAmong("no-such-account", page)).toEqual([]);
    expect(await db.store.upvotedAmong(ada!.id, [])).toEqual([]);
  });

  it("counts a page's papers' upvotes as they are now, imported and local together", async () => {
    const [ada, bob] = await createUsers(db, 2);
    const [first, second] = await db.prisma.paper.findMany({ orderBy: { id: "asc" }, take: 2, select: { id: true, importedUpvotes: true } });
    await setUpvote(db, { userId: ada!.id, paperId: first!.id, upvoted: true });
    await setUpvote(db, { userId: bob!.id, paperId: first!.id, upvoted: true });
    const counts = await db.store.upvoteCounts([second!.id, "no-such-paper", first!.id]);
    expect(counts.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: first!.id, upvotes: first!.importedUpvotes + 2 },
      { id: second!.id, upvotes: second!.importedUpvotes },
    ]);
    expect(await db.store.upvoteCounts([])).toEqual([]);
  });

  it("pages through visible papers in id order, leaving hidden ones out", async () => {
    const all = (await db.prisma.paper.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((row) => row.id);
    const [admin] = await createUsers(db, 1, { admin: true });
    await setPaperHidden(db, { user: admin!, paperId: all[1]!, hidden: true });
    const visible = all.filter((id) => id !== all[1]);
    const first = await db.store.visiblePapersAfter({ after: undefined, take: 2 });
    expect(first.map((record) => record.id)).toEqual(visible.slice(0, 2));
    const next = await db.store.visiblePapersAfter({ after: first.at(-1)!.id, take: 1_000 });
    expect(next.map((record) => record.id)).toEqual(visible.slice(2));
  });

  it("counts the visible papers of each category, every category of a paper, most first", async () => {
    await db.prisma.paper.deleteMany();
    await db.store
      .batchWriter()
      .write(
        [
          paper(1, { categories: ["cs.LG", "stat.ML"] }),
          paper(2, { categories: ["cs.LG"] }),
          paper(3, { categories: ["stat.ML", "cs.LG"] }),
          paper(4, { categories: ["math.OC"] }),
          paper(5, { categories: [] }),
        ],
        { format: "arxiv-jsonl" },
      );
    const [admin] = await createUsers(db, 1, { admin: true });
    await setPaperHidden(db, { user: admin!, paperId: "2401.10004", hidden: true });
    expect(await db.store.categoryCounts()).toEqual([
      { category: "cs.LG", papers: 3 },
      { category: "stat.ML", papers: 2 },
    ]);
  });

  it("writes batches: inserts, updates, unchanged, and a dry run that writes nothing", async () => {
    const writer = db.store.batchWriter();
    const before = await db.prisma.paper.count();
    expect(await writer.write([paper(1), paper(2)], { format: "arxiv-jsonl", dryRun: true })).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await db.prisma.paper.count()).toBe(before);
    expect(await writer.write([paper(1), paper(2)], { format: "arxiv-jsonl" })).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await writer.write([paper(1), paper(2, { title: "A new title for paper two" })], { format: "arxiv-jsonl" })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    await writer.close();
    const stored = (await db.store.papersByIds(["2401.10002"]))[0]!;
    expect(stored).toMatchObject({ title: "A new title for paper two", importedUpvotes: 2, authors: '["Author 2"]' });
    expect(stored.publishedAt.toISOString()).toBe("2024-01-03T00:00:00.000Z");
  });

  it("finds what was written in search, counts it, and keeps the vocabulary in step", async () => {
    await db.store.batchWriter().write(
      Array.from({ length: 5 }, (_, index) => paper(index)),
      { format: "arxiv-jsonl" },
    );
    expect(await db.store.search.refreshVocabulary()).toBeGreaterThan(0);
    const found = await db.store.search.match({ parsed: parseSearchQuery("sparsifiers"), filters: {}, sort: "newest", limit: 3, offset: 0 });
    expect(found.total).toBe(5);
    expect(found.ids).toHaveLength(3);
    const frequencies = await db.store.search.termFrequencies(["sparsifi", "sparsifiers", "zzzznotaword"]);
    expect([...frequencies.values()]).toEqual([5]);
    const related = await db.store.search.related({ terms: [...frequencies.keys()], excludeId: "2401.10000", limit: 10 });
    expect(related).toHaveLength(4);
    expect(related).not.toContain("2401.10000");
    expect(await db.store.search.termsSharingTrigrams([" gr", "gra", "rap", "aph", "ph "])).toContain("graph");
  });

  it("moves the data version when another connection commits, and only then", async () => {
    const version = await db.store.dataVersion();
    expect(await db.store.dataVersion()).toBe(version);
    const other: Database = openDatabase(db.url);
    try {
      const [ada] = await createUsers(other, 1);
      const afterUser = await db.store.dataVersion();
      expect(afterUser).not.toBe(version);
      await setUpvote(other, { userId: ada!.id, paperId: PAPER, upvoted: true });
      const afterVote = await db.store.dataVersion();
      expect(afterVote).not.toBe(afterUser);
      expect(await db.store.dataVersion()).toBe(afterVote);
    } finally {
      await other.close();
    }
  });

  it("counts rate limits in the database, shared by two connections", async () => {
    const other = openDatabase(db.url);
    try {
      await Promise.all([db.store.rateLimitsReady(), other.store.rateLimitsReady()]);
      const options = { keyPrefix: "contract", points: 3, duration: 60, clearExpiredByTimeout: false };
      const [mine, theirs] = [db.store.rateLimiter(options), other.store.rateLimiter(options)];
      await mine.consume("reader");
      await theirs.consume("reader");
      await mine.consume("reader");
      await expect(theirs.consume("reader")).rejects.toMatchObject({ remainingPoints: 0 });
    } finally {
      await other.close();
    }
  });

  it("runs an ingest inside its bulk settings and gives back the work's answer", async () => {
    const summary = await db.store.duringIngest(() => ingestFromSource(db, { source: fixturePath("arxiv-atom.xml") }));
    expect(summary.inserted).toBeGreaterThan(0);
    expect(await db.store.duringIngest(async () => "done")).toBe("done");
  });
});
