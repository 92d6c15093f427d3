import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestRecords } from "../../lib/ingest/ingest";
import { titleKey } from "../../lib/papers/identity";
import type { FormatName, ParsedRecord } from "../../lib/ingest/record";
import type { PaperInput } from "../../lib/papers/schema";
import { searchPapers } from "../../lib/search/search";
import { providers, type TestDatabase } from "../support/databases";
import { BASES, faultyInputs, readOutcome } from "../support/ingest-faults";
import { mulberry32 } from "../support/seeded-random";
import type { SqliteStore } from "../../lib/db/sqlite/store";

/*
 * SIGKILL the real ingest command at random points of a large arXiv snapshot file, on both
 * databases: after every kill the database is consistent (each paper whole and in the search
 * index, whole batches only), and running the command again finishes the job with no duplicates.
 */

const root = path.join(import.meta.dirname, "..", "..");
// Batches small enough for many commits; on SQLite still over the 1,000 papers from which a
// batch fills the full-text index in bulk (dropping and recreating its trigger inside the batch).
const SETTINGS = { sqlite: { papers: 10_000, batchSize: 1_000 }, postgres: { papers: 3_000, batchSize: 200 } } as const;
const BAD_EVERY = 997;
const TOKEN = "quokkazanzibar";
const SEED = 20_261_201;

type Paper = { id: string; title: string; abstract: string; authors: string[] };
type Snapshot = { file: string; lines: number; papers: Paper[]; badLines: number[] };

/** A Kaggle-style snapshot: `count` good records with a bad line every BAD_EVERY lines; the last paper's title holds TOKEN. */
function writeSnapshot(file: string, count: number, seed: number): Snapshot {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const syllables = ["ka", "lo", "mi", "ne", "tra", "sor", "vel", "qui", "den", "pha", "ri", "mon", "gra", "tex", "ul", "bar"];
  const vocabulary = Array.from({ length: 1_500 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join(""));
  const words = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(" ");
  const lines: string[] = [];
  const papers: Paper[] = [];
  const badLines: number[] = [];
  for (let index = 0; papers.length < count; index++) {
    if ((lines.length + 1) % BAD_EVERY === 0) {
      badLines.push(lines.length + 1);
      lines.push(badLines.length % 2 ? `{"id":"2401.99999","title":"cut off` : JSON.stringify({ id: "not an id", title: "x", abstract: "y" }));
      continue;
    }
    const number = papers.length + 1;
    const id = `2401.${String(number).padStart(5, "0")}`;
    const last = number === count;
    const title = `${words(5)} ${last ? TOKEN : words(1)} ${words(2)}`;
    const abstract = words(70);
    const authors = Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(vocabulary), pick(["A.", "B.", "C. D.", "E."]), ""]);
    lines.push(
      JSON.stringify({
        id,
        submitter: "x",
        authors: authors.map(([last, first]) => `${first} ${last}`).join(", "),
        title: title.replace(/ /g, (space) => (random() < 0.05 ? "\n  " : space)),
        comments: null,
        "journal-ref": null,
        doi: null,
        "report-no": null,
        categories: "cs.LG stat.ML",
        license: null,
        abstract: `  ${abstract}\n`,
        versions: [{ version: "v1", created: "Mon, 1 Jan 2024 10:00:00 GMT" }],
        update_date: "2024-01-02",
        authors_parsed: authors,
      }),
    );
    papers.push({ id, title, abstract, authors: authors.map(([last, first]) => `${first} ${last}`) });
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return { file, lines: lines.length, papers, badLines };
}

type Run = {
  pid: number;
  kill(): void;
  exited: boolean;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
};

/**
 * The real command on the test database. node runs tsx's loader in this process itself: the
 * `tsx` binary would run the ingest in a child of its own, which a SIGKILL to it would orphan.
 */
function startIngest(databaseUrl: string, file: string, batchSize: number): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/ingest/cli.ts", file, "--json", "--batch-size", String(batchSize)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const run: Run = {
    pid: child.pid!,
    kill: () => void child.kill("SIGKILL"),
    exited: false,
    done: new Promise((resolve) =>
      child.on("close", (code, signal) => {
        run.exited = true;
        resolve({ code, signal, stdout, stderr });
      }),
    ),
  };
  return run;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills the run `delayMs` after the paper count first meets `when`; false when it finished first. */
async function killWhen(db: TestDatabase, run: Run, when: (count: number) => boolean, delayMs: number): Promise<boolean> {
  while (!run.exited) {
    if (when(await db.prisma.paper.count())) {
      await sleep(delayMs);
      if (run.exited) break;
      run.kill();
      const { signal } = await run.done;
      return signal === "SIGKILL";
    }
    await sleep(15);
  }
  return false;
}

const counted = (rows: Array<Record<string, unknown>>) => Object.fromEntries(Object.entries(rows[0]!).map(([key, value]) => [key, Number(value)]));

/** The search index holds exactly the papers, each as stored, and its triggers are in place. */
async function expectIndexInStep(db: TestDatabase): Promise<void> {
  if (db.provider === "sqlite") {
    const connection = (db.store as SqliteStore).connection();
    const triggers = connection.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'paper_fts_%' ORDER BY name`).pluck().all();
    expect(triggers).toEqual(["paper_fts_delete", "paper_fts_insert", "paper_fts_update"]);
    const rows = connection
      .prepare(
        `SELECT (SELECT count(*) FROM "Paper") AS papers, (SELECT count(*) FROM "paper_fts_docsize") AS indexed,
                (SELECT count(*) FROM "Paper" WHERE rowid NOT IN (SELECT id FROM "paper_fts_docsize")) AS missing,
                (SELECT count(*) FROM "paper_fts_docsize" WHERE id NOT IN (SELECT rowid FROM "Paper")) AS stray`,
      )
      .get() as Record<string, number>;
    expect(rows).toEqual({ papers: rows.papers, indexed: rows.papers, missing: 0, stray: 0 });
    // FTS5 compares its index with the content table, token by token: throws when they differ.
    connection.prepare(`INSERT INTO "paper_fts"("paper_fts", rank) VALUES ('integrity-check', 1)`).run();
  } else {
    const triggers = await db.prisma.$queryRawUnsafe<Array<{ tgname: string }>>(`SELECT tgname::text FROM pg_trigger WHERE tgname = 'paper_search_refresh'`);
    expect(triggers).toHaveLength(1);
    const rows = counted(
      await db.prisma.$queryRawUnsafe(
        `SELECT count(*) AS papers, count(*) FILTER (WHERE "search" IS NULL) AS unindexed,
                count(*) FILTER (WHERE "search" IS DISTINCT FROM paper_search_document("title", "authors", "abstract")) AS stale
         FROM "Paper"`,
      ),
    );
    expect(rows).toEqual({ papers: rows.papers, unindexed: 0, stale: 0 });
  }
}

/** SearchTerm (what search weighs terms by and corrects spelling from) matches the index's own vocabulary. */
async function expectVocabularyInStep(db: TestDatabase): Promise<void> {
  const sql =
    db.provider === "sqlite"
      ? `SELECT (SELECT count(*) FROM "paper_fts_vocab") AS vocabulary, (SELECT count(*) FROM "SearchTerm") AS terms,
                (SELECT count(*) FROM "paper_fts_vocab" v JOIN "SearchTerm" s ON s.term = v.term AND s.docs = v.doc) AS same`
      : `WITH stat AS (SELECT word, ndoc FROM ts_stat('SELECT "search" FROM "Paper"'))
         SELECT (SELECT count(*) FROM stat) AS vocabulary, (SELECT count(*) FROM "SearchTerm") AS terms,
                (SELECT count(*) FROM stat JOIN "SearchTerm" s ON s.term = stat.word AND s.docs = stat.ndoc) AS same`;
  const rows =
    db.provider === "sqlite"
      ? ((db.store as SqliteStore).connection().prepare(sql).get() as Record<string, number>)
      : counted(await db.prisma.$queryRawUnsafe(sql));
  expect(rows.vocabulary).toBeGreaterThan(0);
  expect(rows).toEqual({ vocabulary: rows.vocabulary, terms: rows.vocabulary, same: rows.vocabulary });
}

/**
 * Whole batches only, each paper whole: the stored papers are exactly the file's first ones, a
 * multiple of the batch size of them (or all), each with every field as the file gives it.
 */
async function expectWholePapers(db: TestDatabase, snapshot: Snapshot, batchSize: number): Promise<number> {
  const rows = await db.prisma.paper.findMany({
    select: {
      id: true,
      arxivId: true,
      titleKey: true,
      title: true,
      abstract: true,
      authors: true,
      authorCount: true,
      categories: true,
      publishedAt: true,
      feedDate: true,
      metadataSource: true,
    },
  });
  const count = rows.length;
  expect(count % batchSize === 0 || count === snapshot.papers.length, `${count} papers is not a whole number of batches`).toBe(true);
  const expected = new Map(snapshot.papers.slice(0, count).map((paper) => [paper.id, paper]));
  for (const row of rows) {
    const paper = expected.get(row.id);
    expect(paper, `${row.id} is not among the file's first ${count} papers`).toBeDefined();
    expect(row).toEqual({
      id: paper!.id,
      arxivId: paper!.id,
      titleKey: expect.stringMatching(/\S/),
      title: paper!.title,
      abstract: paper!.abstract,
      authors: JSON.stringify(paper!.authors),
      authorCount: paper!.authors.length,
      categories: JSON.stringify(["cs.LG", "stat.ML"]),
      publishedAt: new Date("2024-01-01"),
      feedDate: new Date("2024-01-01"),
      metadataSource: "arxiv-jsonl",
    });
  }
  return count;
}

describe.each(providers())("killing the ingest on $name", (provider) => {
  const { papers, batchSize } = SETTINGS[provider.name];
  let db: TestDatabase;
  let folder: string;
  let snapshot: Snapshot;

  beforeAll(async () => {
    db = await provider.create();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-kill-"));
    snapshot = writeSnapshot(path.join(folder, "snapshot.jsonl"), papers, SEED);
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("leaves a consistent database at every kill, and a rerun finishes the job with no duplicates", async () => {
    const random = mulberry32(SEED + papers);
    // A batch's time, roughly: the random delay lands anywhere in the batch after the one that
    // was just seen committed (reading, planning, writing, committing).
    const batchMs = provider.name === "sqlite" ? 250 : 150;
    const kills: Array<{ when: string; killed: boolean; count: number }> = [];
    const killAt = async (when: string, condition: (count: number) => boolean, delayMs: number) => {
      const killed = await killWhen(db, startIngest(db.url, snapshot.file, batchSize), condition, delayMs);
      await expectIndexInStep(db);
      kills.push({ when, killed, count: await expectWholePapers(db, snapshot, batchSize) });
    };

    const early = batchSize * (1 + Math.floor(random() * 3));
    await killAt(`after ${early} papers`, (count) => count >= early, random() * batchMs);
    // The rerun reads the file from its start again: killed once it has added new batches.
    const middle = kills[0]!.count + batchSize * (1 + Math.floor(random() * 3));
    await killAt(`after ${middle} papers, in a rerun`, (count) => count >= middle, random() * batchMs);
    // Right after the last commit: what follows it (the search vocabulary) is cut short.
    await killAt("after the last batch", (count) => count === papers, 0);
    expect(
      kills.slice(0, 2).map((kill) => kill.killed),
      JSON.stringify(kills),
    ).toEqual([true, true]);
    expect(kills[1]!.count).toBeLessThan(papers);

    const finish = await startIngest(db.url, snapshot.file, batchSize).done;
    expect(finish.code, finish.stderr).toBe(0);
    const summary = JSON.parse(finish.stdout.trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({ format: "arxiv-jsonl", read: snapshot.lines, updated: 0 });
    expect(summary.inserted + summary.unchanged).toBe(papers);
    expect(summary.rejected.map((rejection: { at: string }) => rejection.at)).toEqual(snapshot.badLines.map((line) => `line ${line}`));

    await expectIndexInStep(db);
    expect(await expectWholePapers(db, snapshot, batchSize)).toBe(papers);
    const arxivIds = await db.prisma.paper.findMany({ select: { arxivId: true } });
    expect(new Set(arxivIds.map((row) => row.arxivId)).size).toBe(papers);
    await expectVocabularyInStep(db);
    const last = snapshot.papers.at(-1)!;
    const found = await searchPapers(db, { q: TOKEN });
    expect(found.hits.map((hit) => hit.paper.id)).toEqual([last.id]);
    console.info(`${provider.name}: ${JSON.stringify(kills)}`);
  }, 240_000);
});

/**
 * What the parsers accept from faulty inputs, and records at the limits of the paper contract,
 * one paper per arXiv id and title: each must go into the database as read (so that reading it
 * again changes nothing), never fail its batch.
 */
async function acceptedPapers(): Promise<Array<{ format: FormatName; paper: PaperInput }>> {
  const found: Array<{ format: FormatName; paper: PaperInput }> = [];
  for (const format of Object.keys(BASES) as Array<keyof typeof BASES>) {
    for (const input of fc.sample(faultyInputs(format), { numRuns: 300, seed: SEED })) {
      const outcome = await readOutcome(input.bytes, { format: input.format });
      if ("records" in outcome) for (const record of outcome.records) if ("paper" in record) found.push({ format: outcome.format, paper: record.paper });
    }
  }
  const random = mulberry32(SEED);
  const cjk = (length: number) => Array.from({ length }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20_000))).join("");
  const line = (id: string, fields: Record<string, unknown>) =>
    JSON.stringify({
      id,
      title: "t",
      abstract: "a",
      versions: [{ created: "Mon, 1 Jan 2024 10:00:00 GMT" }],
      authors_parsed: [["One", "A.", ""]],
      categories: "cs.LG",
      ...fields,
    });
  const limits = [
    line("2402.00001", { title: cjk(790) }), // 2,370 bytes of title key: at the limit
    line("2402.00002", { title: cjk(2_000) }), // over it: rejected
    line("2402.00003", { title: "T".repeat(2_000), abstract: cjk(100_000) }),
    line("2402.00004", { title: "Control \u0000 char\u001b[31m acters \ud800 and \udfff", abstract: "NUL\u0000 in\u0007 the abstract" }),
    line("2402.00005", { title: "Ten thousand authors", authors_parsed: Array.from({ length: 10_000 }, (_, index) => [`Name${index}`, cjk(3), ""]) }),
    line("2402.00006", { title: "Emoji \ud83d\ude00 and combining e\u0301 and \u2028 separators \ufeff" }),
  ].join("\n");
  const outcome = await readOutcome(Buffer.from(limits));
  if (!("records" in outcome)) throw new Error("the limits file was refused");
  expect(outcome.records.filter((record) => "error" in record)).toEqual([{ at: "line 2", error: expect.stringMatching(/^title is too long to index/) }]);
  for (const record of outcome.records) if ("paper" in record) found.push({ format: "arxiv-jsonl", paper: record.paper });
  // Mutants of one fixture paper share its id and title: each gets its own, so that it is stored
  // rather than merged (papers are matched by id, else by title).
  const seen = new Set<string>();
  return found.flatMap(({ format, paper }, index) => {
    const title = paper.title.length < 1_990 ? `${paper.title} v${index}` : paper.title;
    if (seen.has(titleKey(title))) return [];
    seen.add(titleKey(title));
    return [{ format, paper: { ...paper, title, arxivId: paper.arxivId ? `2403.${String(index).padStart(5, "0")}` : null } }];
  });
}

describe.each(providers())("writing what the parsers accept on $name", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await provider.create();
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
  });

  it("stores every accepted record as read: no failed batch, and reading it again changes nothing", async () => {
    const accepted = await acceptedPapers();
    expect(accepted.length).toBeGreaterThan(300);
    const write = async () => {
      const counts = { inserted: 0, updated: 0, unchanged: 0 };
      for (const format of new Set(accepted.map((item) => item.format))) {
        const records = (async function* (): AsyncIterable<ParsedRecord> {
          for (const [index, item] of accepted.entries()) if (item.format === format) yield { at: `item ${index}`, paper: item.paper };
        })();
        const result = await ingestRecords(db, records, { format });
        expect(result.rejected).toEqual([]);
        counts.inserted += result.inserted;
        counts.updated += result.updated;
        counts.unchanged += result.unchanged;
      }
      return counts;
    };
    expect(await write()).toEqual({ inserted: accepted.length, updated: 0, unchanged: 0 });
    expect(await write()).toEqual({ inserted: 0, updated: 0, unchanged: accepted.length });
    await expectIndexInStep(db);
  }, 120_000);
});
