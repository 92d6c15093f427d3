import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFromSource } from "../../lib/ingest/run";
import { dayPeriod } from "../../lib/papers/period";
import { setUpvote } from "../../lib/papers/upvotes";
import { fillMissingFeatures } from "../../lib/recs/backfill";
import { setDismissed } from "../../lib/recs/dismissals";
import { featuresOf } from "../../lib/recs/features";
import { forYou, type ForYouAnswer } from "../../lib/recs/for-you";
import { vectorsOf } from "../../lib/recs/idf";
import { recentPeriod } from "../../lib/recs/recent";
import { readerProfile } from "../../lib/recs/reader";
import { dot } from "../../lib/recs/vectors";
import { getPaper } from "../../lib/papers/queries";
import { relatedPapers } from "../../lib/search/related";
import { SAMPLE_FILE } from "../../prisma/seed";
import { createUsers } from "../support/accounts";
import { arxivLine, asStdin } from "../support/arxiv-line";
import { providers, type TestDatabase } from "../support/databases";
import { COMMON_WORDS as COMMON, TOPICS, topicalPapers, type Topic } from "../support/topical-papers";

// For you and related papers on both engines: features made at ingest, a model per reader from
// their upvotes and "not interested" marks, and what it ranks. The corpus: the sample day and
// 160 papers of two topics written from topic words (seeded), over 16 days.

const ranked = (answer: ForYouAnswer) => {
  if (answer.status !== "ranked") throw new Error(`expected a ranking, got ${answer.status}`);
  return answer.picks;
};

describe.each(providers())("For you on $name", (provider) => {
  let db: TestDatabase;
  let topicOf: Map<string, Topic>;
  beforeEach(async () => {
    db = await provider.create();
    await ingestFromSource(db, { source: SAMPLE_FILE });
    const corpus = topicalPapers();
    topicOf = corpus.topicOf;
    await ingestFromSource(db, { source: "-", stdin: asStdin(corpus.lines) });
  });
  afterEach(() => db.drop());

  const idsOf = (topic: Topic, days: [number, number]) =>
    [...topicOf].filter(([id, each]) => each === topic && Number(id.slice(5)) > days[0] * 10 && Number(id.slice(5)) <= days[1] * 10).map(([id]) => id);

  it("gives every paper its features at ingest, made from its title and abstract, and keeps them in step with the text", async () => {
    const papers = await db.prisma.paper.findMany({ select: { id: true, title: true, abstract: true, features: true } });
    expect(papers.length).toBe(37 + 160);
    for (const paper of papers) expect(paper.features, paper.id).toBe(featuresOf(paper.title, paper.abstract));
    // Read again, nothing changes; a new abstract brings new features.
    const again = await ingestFromSource(db, { source: SAMPLE_FILE });
    expect(again).toMatchObject({ updated: 0, unchanged: 37 });
    const line = arxivLine({
      id: "2601.00001",
      title: "Quark confinement revisited",
      abstract: "Lattice gluon baryon hadron.",
      categories: "hep-ph",
      created: new Date(Date.UTC(2026, 0, 1)),
    });
    await ingestFromSource(db, { source: "-", stdin: asStdin(line) });
    expect((await db.prisma.paper.findUniqueOrThrow({ where: { id: "2601.00001" } })).features).toBe(
      featuresOf("Quark confinement revisited", "Lattice gluon baryon hadron."),
    );
  });

  it("makes a large ingest's features in worker threads, as they are made inline, batch by batch in order", async () => {
    // Batches of 40, every abstract new: the first batch sends the threads only its first half
    // (less than a chunk), so its features are made inline; every later batch's come from them.
    const revised = topicalPapers()
      .lines.trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { abstract: string })
      .map((record) => JSON.stringify({ ...record, abstract: `${record.abstract} Revised with spectra.` }))
      .join("\n");
    const summary = await ingestFromSource(db, { source: "-", stdin: asStdin(revised), batchSize: 40 });
    expect(summary).toMatchObject({ updated: 160, inserted: 0 });
    const papers = await db.prisma.paper.findMany({
      where: { id: { startsWith: "2601." } },
      select: { id: true, title: true, abstract: true, features: true },
    });
    expect(papers.length).toBe(160);
    for (const paper of papers) {
      expect(paper.abstract).toMatch(/Revised with spectra\.$/);
      expect(paper.features, paper.id).toBe(featuresOf(paper.title, paper.abstract));
    }
  });

  it("keeps a paper's vector while its features stay the same, and makes it again when they change", async () => {
    const [first] = await vectorsOf(db, [{ id: "2601.00001", features: "quark:2.39 gluon" }]);
    const [again] = await vectorsOf(db, [{ id: "2601.00001", features: "quark:2.39 gluon" }]);
    expect(again).toBe(first);
    const [changed] = await vectorsOf(db, [{ id: "2601.00001", features: "portfolio" }]);
    expect(dot(changed!, first!)).toBe(0);
    expect(dot(changed!, changed!)).toBeCloseTo(1, 6);
  });

  it("fills in the features of papers stored before them, once", async () => {
    await db.prisma.paper.updateMany({ where: { id: { startsWith: "2601." } }, data: { features: "" } });
    expect(await fillMissingFeatures(db)).toBe(160);
    expect(await db.prisma.paper.count({ where: { features: "" } })).toBe(0);
    expect(await fillMissingFeatures(db)).toBe(0);
  });

  it("says how many more upvotes it needs below three, and shows trending meanwhile", async () => {
    const [ada] = await createUsers(db, 1);
    const period = (await recentPeriod(db))!;
    for (const id of idsOf("physics", [0, 1]).slice(0, 2)) await setUpvote(db, { userId: ada!.id, paperId: id, upvoted: true });
    const answer = await forYou(db, { userId: ada!.id, period, limit: 10, unseen: true });
    expect(answer).toMatchObject({ status: "needs-upvotes", upvotes: 2, needed: 1 });
    expect(answer.status === "needs-upvotes" && answer.trending.length).toBeGreaterThan(0);
  });

  it("ranks the papers of the reader's topic first, says which upvoted paper each is like, and leaves out what they upvoted", async () => {
    const [ada, bo] = await createUsers(db, 2);
    const physics = idsOf("physics", [0, 8]);
    for (const id of physics.slice(0, 6)) await setUpvote(db, { userId: ada!.id, paperId: id, upvoted: true });
    for (const id of idsOf("finance", [0, 8]).slice(0, 6)) await setUpvote(db, { userId: bo!.id, paperId: id, upvoted: true });
    const period = { kind: "month" as const, key: "test", start: new Date(Date.UTC(2026, 0, 1)), end: new Date(Date.UTC(2026, 0, 17)) };
    const adas = ranked(await forYou(db, { userId: ada!.id, period, limit: 20, unseen: true }));
    expect(adas.map((pick) => topicOf.get(pick.paper.id))).toEqual(Array(20).fill("physics"));
    expect(adas.some((pick) => physics.slice(0, 6).includes(pick.paper.id))).toBe(false);
    expect(physics.slice(0, 6)).toContain(adas[0]!.like!.id);
    expect(adas[0]!.words.length).toBeGreaterThan(0);
    for (const word of adas[0]!.words) expect([...TOPICS.physics, ...COMMON].some((known) => word.startsWith(known.slice(0, 4)))).toBe(true);
    const bos = ranked(await forYou(db, { userId: bo!.id, period, limit: 20, unseen: true }));
    expect(bos.map((pick) => topicOf.get(pick.paper.id))).toEqual(Array(20).fill("finance"));
    // A day's papers in the reader's order, upvoted ones included.
    const day = ranked(await forYou(db, { userId: ada!.id, period: dayPeriod(new Date(Date.UTC(2026, 0, 1))), limit: 50, unseen: false }));
    expect(day).toHaveLength(10);
    expect(day.slice(0, 5).map((pick) => topicOf.get(pick.paper.id))).toEqual(Array(5).fill("physics"));
  });

  it("leaves a paper marked not interested out, learns from the mark, and trains again only when votes or marks change", async () => {
    const [ada] = await createUsers(db, 1);
    for (const id of idsOf("physics", [0, 8]).slice(0, 5)) await setUpvote(db, { userId: ada!.id, paperId: id, upvoted: true });
    const period = (await recentPeriod(db))!;
    const first = await readerProfile(db, ada!.id);
    expect(await readerProfile(db, ada!.id)).toBe(first);
    const top = ranked(await forYou(db, { userId: ada!.id, period, limit: 10, unseen: true }))[0]!.paper.id;
    expect(await setDismissed(db, { userId: ada!.id, paperId: top, dismissed: true })).toEqual({ dismissed: true });
    expect(await setDismissed(db, { userId: ada!.id, paperId: top, dismissed: true })).toEqual({ dismissed: true });
    const retrained = await readerProfile(db, ada!.id);
    expect(retrained).not.toBe(first);
    expect(retrained.dismissed.has(top)).toBe(true);
    expect(ranked(await forYou(db, { userId: ada!.id, period, limit: 100, unseen: true })).map((pick) => pick.paper.id)).not.toContain(top);
    await setDismissed(db, { userId: ada!.id, paperId: top, dismissed: false });
    expect(ranked(await forYou(db, { userId: ada!.id, period, limit: 100, unseen: true })).map((pick) => pick.paper.id)).toContain(top);
    await expect(setDismissed(db, { userId: ada!.id, paperId: "9999.99999", dismissed: true })).rejects.toThrow(/No paper/);
  });

  it("finds related papers by the cosine of their vectors: a physics paper's are physics papers", async () => {
    for (const id of ["2601.00001", "2601.00002"]) {
      const related = await relatedPapers(db, await getPaper(db, id));
      expect(related).toHaveLength(5);
      expect(
        related.map((paper) => topicOf.get(paper.id)),
        id,
      ).toEqual(Array(5).fill(topicOf.get(id)));
    }
  });
});
