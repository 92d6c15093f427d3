import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ForbiddenError } from "../../lib/errors";
import { ingestFromSource } from "../../lib/ingest/run";
import { setPaperHidden } from "../../lib/papers/admin";
import { dayPeriod } from "../../lib/papers/period";
import { getPaper, latestFeedDay, listAllPapers, listFeed } from "../../lib/papers/queries";
import { listUpvotedPapers, setUpvote, upvotedAmong } from "../../lib/papers/upvotes";
import { SAMPLE_FILE } from "../../prisma/seed";
import { createUsers } from "../support/accounts";
import { providers, type TestDatabase } from "../support/databases";

const VIDLA = "vidla-video-language-alignment-at-scale"; // 1 imported upvote

describe.each(providers())("upvotes on $name", (provider) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await provider.create();
    await ingestFromSource(db, { source: SAMPLE_FILE });
  });
  afterEach(() => db.drop());

  it("adds the local upvote to the imported count, once per account, and takes it back", async () => {
    const [ada] = await createUsers(db, 1);
    expect(await setUpvote(db, { userId: ada!.id, paperId: VIDLA, upvoted: true })).toEqual({ upvotes: 2, upvoted: true });
    expect(await setUpvote(db, { userId: ada!.id, paperId: VIDLA, upvoted: true })).toEqual({ upvotes: 2, upvoted: true });
    expect((await getPaper(db, VIDLA)).upvotes).toBe(2);
    expect(await setUpvote(db, { userId: ada!.id, paperId: VIDLA, upvoted: false })).toEqual({ upvotes: 1, upvoted: false });
    expect(await setUpvote(db, { userId: ada!.id, paperId: VIDLA, upvoted: false })).toEqual({ upvotes: 1, upvoted: false });
    expect(await db.prisma.upvote.count()).toBe(0);
  });

  it("counts 100 accounts upvoting at once exactly", async () => {
    const users = await createUsers(db, 100);
    await Promise.all(users.map((user) => setUpvote(db, { userId: user.id, paperId: VIDLA, upvoted: true })));
    expect((await getPaper(db, VIDLA)).upvotes).toBe(101);
    expect(await db.prisma.upvote.count({ where: { paperId: VIDLA } })).toBe(100);
  });

  it("counts a double click (the same vote sent twice at once) as one", async () => {
    const [ada] = await createUsers(db, 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => setUpvote(db, { userId: ada!.id, paperId: VIDLA, upvoted: true })));
    expect(results.every((result) => result.upvoted)).toBe(true);
    expect((await getPaper(db, VIDLA)).upvotes).toBe(2);
  });

  it("ranks the feed by the summed count and keeps votes when a paper is merged under its arXiv id", async () => {
    const users = await createUsers(db, 5);
    for (const user of users) await setUpvote(db, { userId: user.id, paperId: VIDLA, upvoted: true });
    const period = dayPeriod((await latestFeedDay(db))!);
    const top = (await listFeed(db, { period, sort: "upvotes", limit: 1 })).papers[0]!;
    expect(top).toMatchObject({ id: VIDLA, upvotes: 6 });

    // The same paper arrives with its arXiv id: the row is renamed, the votes follow it.
    const entry = [
      {
        paper: {
          id: "2403.14938",
          title: "VidLA: Video-Language Alignment at Scale",
          summary: "Abstract.",
          authors: [{ name: "Mamshad Nayeem Rizve" }],
          publishedAt: "2024-03-21T00:00:00.000Z",
          upvotes: 1,
        },
      },
    ];
    expect(await ingestFromSource(db, { source: "-", stdin: Readable.from([Buffer.from(JSON.stringify(entry))]) })).toMatchObject({ updated: 1 });
    expect(await getPaper(db, "2403.14938")).toMatchObject({ upvotes: 6 });
    expect(await db.prisma.upvote.count({ where: { paperId: "2403.14938" } })).toBe(5);
  });

  it("lists an account's upvoted papers, newest vote first", async () => {
    const [ada] = await createUsers(db, 1);
    const ids = (await listAllPapers(db, { limit: 3 })).papers.map((paper) => paper.id);
    for (const id of ids) {
      await setUpvote(db, { userId: ada!.id, paperId: id, upvoted: true });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await listUpvotedPapers(db, { userId: ada!.id })).map((paper) => paper.id)).toEqual([...ids].reverse());
    expect(await upvotedAmong(db, { userId: ada!.id, paperIds: [ids[0]!, VIDLA] })).toEqual(new Set([ids[0]]));
  });

  it("lets only admins hide a paper, which leaves the feed and the lists", async () => {
    const [reader] = await createUsers(db, 1);
    const [admin] = await createUsers(db, 1, { admin: true });
    await expect(setPaperHidden(db, { user: reader!, paperId: VIDLA, hidden: true })).rejects.toBeInstanceOf(ForbiddenError);
    await setPaperHidden(db, { user: admin!, paperId: VIDLA, hidden: true });
    const period = dayPeriod((await latestFeedDay(db))!);
    const feed = await listFeed(db, { period, limit: 100 });
    expect(feed.total).toBe(36);
    expect(feed.papers.map((paper) => paper.id)).not.toContain(VIDLA);
    expect((await listAllPapers(db, { limit: 100 })).papers).toHaveLength(36);
    expect(await getPaper(db, VIDLA)).toMatchObject({ hidden: true });
    await setPaperHidden(db, { user: admin!, paperId: VIDLA, hidden: false });
    expect((await listFeed(db, { period, limit: 100 })).total).toBe(37);
  });
});
