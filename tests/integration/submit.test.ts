import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../lib/auth/session";
import { ingestFromSource } from "../../lib/ingest/run";
import { dayPeriod } from "../../lib/papers/period";
import { getPaper } from "../../lib/papers/queries";
import { SUBMISSIONS_PER_HOUR, submitPaper } from "../../lib/submit/submit-paper";
import { SAMPLE_FILE } from "../../prisma/seed";
import { createUsers } from "../support/accounts";
import { startArxivStandIn, type ArxivStandIn } from "../support/arxiv-stand-in";
import { providers, type TestDatabase } from "../support/databases";

describe.each(providers())("submitting a paper by arXiv id on $name", (provider) => {
  let db: TestDatabase;
  let arxiv: ArxivStandIn;
  let ada: SessionUser;
  const submit = (input: string, user = ada) => submitPaper(db, { user, input, arxiv: { apiUrl: arxiv.apiUrl, timeoutMs: 1_000 } });

  /** Everything a failed submit must leave as it was. */
  const snapshot = async () => ({
    papers: await db.prisma.paper.count(),
    submissions: await db.prisma.submission.count(),
    newest: await db.prisma.paper.findFirst({ orderBy: { updatedAt: "desc" }, select: { id: true, updatedAt: true } }),
  });

  beforeAll(async () => {
    db = await provider.create();
    arxiv = await startArxivStandIn();
    await ingestFromSource(db, { source: SAMPLE_FILE });
  });
  afterAll(async () => {
    await arxiv.stop();
    await db.drop();
  });
  beforeEach(async () => {
    arxiv.mode = "ok";
    // Each test its own account: every lookup counts against the account's hourly limit.
    ada = (await createUsers(db, 1))[0]!;
  });

  it.each(["2312.00752", "arXiv:2312.00752v2", "https://arxiv.org/abs/2312.00752", "https://arxiv.org/pdf/2312.00752v1", "arxiv.org/abs/2312.00752"])(
    "adds %s to today's feed with its arXiv metadata and who submitted it",
    async (input) => {
      await db.prisma.paper.deleteMany({ where: { id: "2312.00752" } });
      const outcome = await submit(input);
      expect(outcome).toEqual({ status: "added", paperId: "2312.00752", title: "Mamba: Linear-Time Sequence Modeling with Selective State Spaces" });
      const paper = await getPaper(db, "2312.00752");
      expect(paper).toMatchObject({
        authors: ["Albert Gu", "Tri Dao"],
        categories: ["cs.LG", "cs.AI"],
        submittedBy: ada.name,
        feedDate: dayPeriod(new Date()).start.toISOString(),
      });
      expect(arxiv.requests.at(-1)).toBe("2312.00752");
    },
  );

  it("adds an old-style id, and answers a paper already here with a link instead of a duplicate", async () => {
    expect(await submit("https://arxiv.org/abs/cond-mat/0102536v1")).toMatchObject({ status: "added", paperId: "cond-mat/0102536" });
    const before = await snapshot();
    const requests = arxiv.requests.length;
    expect(await submit("cond-mat/0102536")).toMatchObject({ status: "already-in-feed", paperId: "cond-mat/0102536" });
    expect(await snapshot()).toEqual(before);
    expect(arxiv.requests.length).toBe(requests);
  });

  it("refuses a malformed id with what an id looks like, without asking arXiv", async () => {
    const requests = arxiv.requests.length;
    for (const input of ["", "hello", "2312.7", "2312.007521", "https://example.com/abs/2312.00752", "1234.5678"]) {
      await expect(submit(input)).rejects.toThrow(/looks like 2312\.00752/);
    }
    expect(arxiv.requests.length).toBe(requests);
  });

  it.each([
    ["slow", /did not answer within 1 s/, 504],
    ["garbage", /not an arXiv Atom feed/, 502],
    ["http-503", /HTTP 503/, 502],
    ["cut-off", /broke off|could not be reached|not an arXiv Atom feed/, 502],
  ] as const)("writes nothing when arXiv is %s", async (mode, message, status) => {
    arxiv.mode = mode;
    const before = await snapshot();
    const error = await submit("0704.0001").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status, message: expect.stringMatching(message) });
    expect((error as Error).message).toContain("Nothing was added");
    expect(await snapshot()).toEqual(before);
  });

  it("writes nothing when arXiv is unreachable or has no such paper", async () => {
    const before = await snapshot();
    await expect(submit("2501.99999")).rejects.toMatchObject({ status: 404, message: expect.stringContaining("arXiv has no paper 2501.99999") });
    const down = await submitPaper(db, { user: ada, input: "0704.0001", arxiv: { apiUrl: "http://127.0.0.1:9/api/query", timeoutMs: 1_000 } }).catch(
      (caught: unknown) => caught,
    );
    expect(down).toMatchObject({ status: 502, message: expect.stringContaining("could not be reached") });
    expect(await snapshot()).toEqual(before);
  });

  it("credits the first of two people submitting the same paper at once, and stores it once", async () => {
    const bob = (await createUsers(db, 1))[0]!;
    const outcomes = await Promise.all([submit("0704.0001"), submit("0704.0001", bob)]);
    expect(outcomes.map((outcome) => outcome.paperId)).toEqual(["0704.0001", "0704.0001"]);
    expect(await db.prisma.paper.count({ where: { id: "0704.0001" } })).toBe(1);
    expect(await db.prisma.submission.count({ where: { paperId: "0704.0001" } })).toBe(1);
  });

  it(`limits an account to ${SUBMISSIONS_PER_HOUR} lookups an hour, counting the ones arXiv could not answer`, async () => {
    for (let index = 0; index < SUBMISSIONS_PER_HOUR; index++) {
      await expect(submit(`2501.${String(90_000 + index)}`)).rejects.toMatchObject({ status: 404 });
    }
    await db.prisma.paper.deleteMany({ where: { id: "0704.0001" } });
    const requests = arxiv.requests.length;
    const refused = await submit("0704.0001").catch((caught: unknown) => caught);
    expect(refused).toMatchObject({
      status: 429,
      retryAfterSeconds: expect.any(Number),
      message: expect.stringMatching(/^Too many submissions \(10 an hour per account\); try again in \d+ minutes?\.$/),
    });
    expect(arxiv.requests.length).toBe(requests);
    expect(await db.prisma.paper.count({ where: { id: "0704.0001" } })).toBe(0);
    // A paper already here costs no lookup and is still answered.
    expect(await submit("2312.00752")).toMatchObject({ status: "already-in-feed" });
  });

  it(`lets exactly ${SUBMISSIONS_PER_HOUR} of 20 parallel submissions by one account reach arXiv`, async () => {
    const requests = arxiv.requests.length;
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => submit(`2502.${String(10_000 + index)}`)));
    expect(arxiv.requests.length - requests).toBe(SUBMISSIONS_PER_HOUR);
    const statuses = outcomes.map((outcome) => (outcome.status === "rejected" ? (outcome.reason as { status: number }).status : 200));
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - SUBMISSIONS_PER_HOUR);
    expect(statuses.filter((status) => status === 404)).toHaveLength(SUBMISSIONS_PER_HOUR);
  });

  it("limits one client address across accounts, and refuses an over-long input without parsing it", async () => {
    const users = await createUsers(db, 4);
    const requests = arxiv.requests.length;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) =>
        submitPaper(db, {
          user: users[index % 4]!,
          input: `2503.${String(10_000 + index)}`,
          arxiv: { apiUrl: arxiv.apiUrl, timeoutMs: 1_000 },
          clientAddress: "198.51.100.20",
        }),
      ),
    );
    // Four accounts allow 40 lookups; the address allows 30.
    expect(arxiv.requests.length - requests).toBe(30);
    expect(outcomes.filter((outcome) => outcome.status === "rejected" && (outcome.reason as { status: number }).status === 429)).toHaveLength(10);
    await expect(submit("2312.00752".padEnd(5_000, " x"))).rejects.toMatchObject({ status: 400, message: expect.stringContaining("too long") });
  });
});
