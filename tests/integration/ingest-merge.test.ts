import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../lib/db/database";
import { ingestFromSource } from "../../lib/ingest/run";
import { SAMPLE_FILE } from "../../prisma/seed";
import { providers, type TestDatabase } from "../support/databases";
import { fixturePath } from "../support/fixtures";

const fromText = (text: string) => ({ source: "-", stdin: Readable.from([Buffer.from(text)]) });

describe.each(providers())("ingest into $name", (provider) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await provider.create();
  });
  afterEach(() => db.drop());

  it("merges a paper first seen without an arXiv id when a source brings the id", async () => {
    const noId = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Papers",
      items: [
        { id: "x1", title: "Mamba: Linear-Time Sequence Modeling with Selective State Spaces", content_text: "Short.", date_published: "2023-12-04T00:00:00Z" },
      ],
    });
    expect(await ingestFromSource(db, fromText(noId))).toMatchObject({ inserted: 1 });
    const slug = (await db.prisma.paper.findFirstOrThrow()).id;
    expect(slug).toBe("mamba-linear-time-sequence-modeling-with-selective-state-spaces");

    const atom = await ingestFromSource(db, { source: fixturePath("arxiv-atom.xml") });
    expect(atom).toMatchObject({ read: 4, inserted: 3, updated: 1 });
    const mamba = await db.prisma.paper.findUniqueOrThrow({ where: { id: "2312.00752" } });
    expect(mamba).toMatchObject({ arxivId: "2312.00752", authors: '["Albert Gu","Tri Dao"]', authorCount: 2 });
    expect(mamba.abstract).toMatch(/^Foundation models/);
    // The feed day the first source gave is kept: arXiv has none of its own.
    expect(mamba.feedDate).toEqual(new Date("2023-12-04"));
    expect(await db.prisma.paper.count()).toBe(4);
    expect(await db.prisma.paper.findUnique({ where: { id: slug } })).toBeNull();
  });

  it("is one paper from every source, and a second pass of each changes nothing", async () => {
    const files = [
      "hf-daily-papers.json",
      "arxiv-rss.xml",
      "papers-feed.json",
      "papers-atom-feed.xml",
      "arxiv-atom.xml",
      "arxiv-snapshot.jsonl",
      "hf-paper.json",
    ];
    for (const file of files) await ingestFromSource(db, { source: fixturePath(file) });
    const ids = (await db.prisma.paper.findMany({ select: { id: true } })).map((row) => row.id).sort();
    expect(ids).toEqual([
      "0704.0001",
      "0704.0002",
      "0704.0010",
      "0710.2073",
      "2005.14165",
      "2312.00752",
      "2407.13168",
      "2410.16251",
      "2410.17243",
      "2410.18533",
      "2410.18693",
      "2412.04472",
      "cond-mat/0102536",
      "hep-th/9608091",
      "math/0211159",
      "the-ultra-scale-playbook-training-llms-on-gpu-clusters",
    ]);
    for (const file of files) {
      const again = await ingestFromSource(db, { source: fixturePath(file) });
      expect({ file, inserted: again.inserted, updated: again.updated }).toEqual({ file, inserted: 0, updated: 0 });
    }
    // Hugging Face's upvotes and feed day survive the arXiv sources that have neither.
    expect(await db.prisma.paper.findUniqueOrThrow({ where: { id: "2410.18533" } })).toMatchObject({ importedUpvotes: 37, feedDate: new Date("2024-10-25") });
  });

  it("puts the valid records of a malformed file in and reports the rest", async () => {
    const summary = await ingestFromSource(db, { source: fixturePath("arxiv-snapshot-malformed.jsonl") });
    expect(summary).toMatchObject({ format: "arxiv-jsonl", read: 6, inserted: 2 });
    expect(summary.rejected.map((rejection) => rejection.at)).toEqual(["line 2", "line 4", "line 5", "line 6"]);
    expect(await db.prisma.paper.count()).toBe(2);
  });

  it("writes nothing on a dry run, yet reports what it would do", async () => {
    const summary = await ingestFromSource(db, { source: SAMPLE_FILE, dryRun: true });
    expect(summary).toMatchObject({ read: 37, inserted: 37 });
    expect(await db.prisma.paper.count()).toBe(0);
  });

  it("updates a newer upvote count and abstract", async () => {
    await ingestFromSource(db, { source: fixturePath("hf-paper.json") });
    const newer = JSON.parse(await (await import("node:fs/promises")).readFile(fixturePath("hf-paper.json"), "utf8"));
    newer.upvotes = 99;
    newer.summary = "A revised abstract.";
    expect(await ingestFromSource(db, fromText(JSON.stringify(newer)))).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await db.prisma.paper.findUniqueOrThrow({ where: { id: "2407.13168" } })).toMatchObject({ importedUpvotes: 99, abstract: "A revised abstract." });
  });

  it("leaves no half batch behind when the database fails mid-batch", async () => {
    // A trigger that refuses one paper stands in for any failure during the write.
    if (provider.name === "sqlite") {
      await db.prisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_one BEFORE INSERT ON "Paper" WHEN NEW."title" LIKE 'VidLA%' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`,
      );
    } else {
      await db.prisma.$executeRawUnsafe(
        `CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN IF NEW."title" LIKE 'VidLA%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await db.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_one BEFORE INSERT ON "Paper" FOR EACH ROW EXECUTE FUNCTION refuse_one()`);
    }
    await expect(ingestFromSource(db, { source: SAMPLE_FILE })).rejects.toThrow();
    expect(await db.prisma.paper.count()).toBe(0);
  });

  it("makes exactly one row per paper when two ingests of the same file run at once", async () => {
    const other = openDatabase(db.url);
    try {
      const [a, b] = await Promise.all([ingestFromSource(db, { source: SAMPLE_FILE }), ingestFromSource(other, { source: SAMPLE_FILE })]);
      expect(a.inserted + b.inserted).toBe(37);
      expect(a.unchanged + b.unchanged).toBe(37);
      expect(await db.prisma.paper.count()).toBe(37);
    } finally {
      await other.close();
    }
  });
});
