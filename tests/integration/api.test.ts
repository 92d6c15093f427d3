import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { GET as dailyPapers } from "../../app/api/daily_papers/route";
import { GET as paperList } from "../../app/api/papers/route";
import { GET as onePaper } from "../../app/api/papers/[...id]/route";
import { seedFixtureDays, useAppDatabase } from "../support/app-database";
import { providers } from "../support/databases";
import { fixturePath } from "../support/fixtures";

const get = (path: string) => new Request(`http://localhost${path}`);
const json = async (response: Response) => ({ status: response.status, body: await response.json() });
const byId = (id: string) => onePaper(get(`/api/papers/${id}`), { params: Promise.resolve({ id: id.split("/") }) });

// The route handlers, called as Next.js calls them, against each database. The app's database
// is the one cached on globalThis (lib/db/database.ts); the test puts its own there.
describe.each(providers())("JSON API on $name", (provider) => {
  const app = useAppDatabase(provider, seedFixtureDays);

  it("serves the latest day by default, in Hugging Face's shape, by upvotes", async () => {
    const { status, body } = await json(await dailyPapers(get("/api/daily_papers")));
    expect(status).toBe(200);
    expect(body).toHaveLength(37);
    expect(body[0]).toMatchObject({
      paper: {
        title: "Kolmogorov-Arnold Attention: Is Learnable Attention Better For Vision Transformers?",
        upvotes: 3,
        authorCount: 4,
        authors: [],
        publishedAt: "2025-03-13T00:00:00.000Z",
      },
      publishedAt: "2025-12-12T00:00:00.000Z",
      title: "Kolmogorov-Arnold Attention: Is Learnable Attention Better For Vision Transformers?",
      numComments: 0,
    });
    const upvotes = body.map((entry: { paper: { upvotes: number } }) => entry.paper.upvotes);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
  });

  it("serves a given day, week and month, pages and sorts", async () => {
    const day = (await json(await dailyPapers(get("/api/daily_papers?date=2024-10-25")))).body;
    expect(day.map((entry: { paper: { id: string } }) => entry.paper.id)).toEqual(["2410.17243", "2410.16251", "2410.18533", "2410.18693"]);
    expect(day[0].paper).toMatchObject({
      authors: expect.arrayContaining([{ name: "Zesen Cheng" }]),
      githubRepo: "https://github.com/DAMO-NLP-SG/Inf-CLIP",
      arxivUrl: "https://arxiv.org/abs/2410.17243",
    });
    const week = (await json(await dailyPapers(get("/api/daily_papers?week=2024-W44")))).body;
    expect(week.map((entry: { paper: { id: string } }) => entry.paper.id)).toContain("cond-mat/0102536");
    const month = (await json(await dailyPapers(get("/api/daily_papers?month=2024-10&limit=3&p=1")))).body;
    expect(month).toHaveLength(3);
    const newest = (await json(await dailyPapers(get("/api/daily_papers?date=2024-10-25&sort=newest")))).body;
    expect(newest[0].paper.id).toBe("2410.18533");
    expect((await json(await dailyPapers(get("/api/daily_papers?date=2020-01-01")))).body).toEqual([]);
  });

  it("takes the names Hugging Face's own client sends: sort=publishedAt and sort=trending, submitter=", async () => {
    const ids = async (path: string) => (await json(await dailyPapers(get(path)))).body.map((entry: { paper: { id: string } }) => entry.paper.id);
    expect(await ids("/api/daily_papers?date=2024-10-25&sort=publishedAt")).toEqual(await ids("/api/daily_papers?date=2024-10-25&sort=newest"));
    expect(await ids("/api/daily_papers?date=2024-10-25&sort=trending")).toHaveLength(4);
    // Submitted here by an account: the filter keeps that account's papers only.
    const user = await app.db.prisma.user.create({
      data: { id: "submitter-1", name: "Grace Submitter", email: "grace-submitter@example.org", emailVerified: false },
    });
    await app.db.prisma.submission.create({ data: { paperId: "2410.16251", userId: user.id } });
    expect(await ids("/api/daily_papers?date=2024-10-25&submitter=Grace%20Submitter")).toEqual(["2410.16251"]);
    expect(await ids("/api/daily_papers?week=2024-W43&submitter=Grace%20Submitter")).toEqual(["2410.16251"]);
    expect(await ids("/api/daily_papers?date=2024-10-25&submitter=Nobody")).toEqual([]);
  });

  // The fields huggingface_hub's list_daily_papers reads from each entry and its paper, with the
  // type Hugging Face's own answer (the recorded fixture) gives them.
  it("answers with every field Hugging Face's client reads, typed as Hugging Face types them, with the source's values", async () => {
    const recorded: Array<Record<string, unknown> & { paper: Record<string, unknown> }> = JSON.parse(
      fs.readFileSync(fixturePath("hf-daily-papers.json"), "utf8"),
    );
    const ours = (await json(await dailyPapers(get("/api/daily_papers?date=2024-10-25")))).body as typeof recorded;
    const kind = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
    for (const theirs of recorded) {
      const mine = ours.find((entry) => entry.paper.id === theirs.paper.id)!;
      for (const key of ["paper", "publishedAt", "title", "summary", "thumbnail", "numComments", "submittedBy"]) {
        expect(kind(mine[key]), `entry.${key}`).toBe(kind(theirs[key]));
      }
      for (const key of ["id", "authors", "publishedAt", "title", "summary", "upvotes", "githubRepo", "projectPage"]) {
        if (key in theirs.paper) expect(kind(mine.paper[key]), `paper.${key}`).toBe(kind(theirs.paper[key]));
      }
      expect(mine.thumbnail).toBe(theirs.thumbnail);
      expect(mine.paper.upvotes).toBe(theirs.paper.upvotes);
    }
    // Who submitted it at the source, when nobody here did (2410.16251 was submitted here above).
    const breaking = ours.find((entry) => entry.paper.id === "2410.17243")!;
    expect(breaking.submittedBy).toEqual({ name: "Zesen Cheng", fullname: "Zesen Cheng", type: "user" });
    expect(ours.find((entry) => entry.paper.id === "2410.16251")!.submittedBy).toMatchObject({ name: "Grace Submitter" });
    // A source without thumbnails or submitters answers null, not a missing key.
    const arxivDay = (await json(await dailyPapers(get("/api/daily_papers?date=2024-10-28")))).body as typeof recorded;
    expect(arxivDay[0]).toMatchObject({ thumbnail: null, submittedBy: null });
  });

  it("serves one paper, old-style ids included, and 404s an unknown one", async () => {
    expect(await json(await byId("cond-mat/0102536"))).toMatchObject({ status: 200, body: { id: "cond-mat/0102536", authorCount: 5 } });
    expect(await json(await byId("2312.00752"))).toMatchObject({
      status: 200,
      body: { categories: ["cs.LG", "cs.AI"], pdfUrl: "https://arxiv.org/pdf/2312.00752" },
    });
    expect(await json(await byId("9999.99999"))).toEqual({ status: 404, body: { error: 'No paper with id "9999.99999".' } });
    // Next.js hands over decoded segments; a stray % is just part of an unknown id.
    expect(await json(await byId("abc%zz"))).toEqual({ status: 404, body: { error: 'No paper with id "abc%zz".' } });
    expect(await json(await byId("arXiv:2312.00752v2"))).toMatchObject({ status: 200, body: { id: "2312.00752" } });
  });

  it("lists every paper once through cursors", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=7&cursor=${cursor}` : "?limit=7";
      const { status, body } = await json(await paperList(get(`/api/papers${query}`)));
      expect(status).toBe(200);
      ids.push(...body.papers.map((paper: { id: string }) => paper.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(37 + 4 + 4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ["/api/daily_papers?date=2025-13-40", /date: "2025-13-40" is not a day written YYYY-MM-DD/],
    ["/api/daily_papers?date=yesterday", /date/],
    ["/api/daily_papers?week=2025-W60", /week: "2025-W60" is not a week written YYYY-Www/],
    ["/api/daily_papers?month=2025-13", /month/],
    ["/api/daily_papers?limit=0", /limit must be a whole number from 1 to 100, not "0"/],
    ["/api/daily_papers?limit=1000", /limit must be a whole number from 1 to 100/],
    ["/api/daily_papers?limit=-5", /limit/],
    ["/api/daily_papers?limit=1e2", /limit/],
    ["/api/daily_papers?p=-1", /p must be a whole number/],
    ["/api/daily_papers?p=99999999999999999999", /p must be a whole number/],
    ["/api/daily_papers?sort=hot", /sort must be one of trending, upvotes, newest/],
    ["/api/daily_papers?date=2025-12-12&week=2025-W50", /at most one of date, week and month/],
    ["/api/daily_papers?submitter=", /submitter must not be empty/],
    [`/api/daily_papers?submitter=${"x".repeat(101)}`, /submitter is at most 100 characters/],
    ["/api/papers?limit=0", /limit/],
    ["/api/papers?limit=1000", /limit/],
    ["/api/papers?cursor=junk", /cursor: not a cursor this API gave out/],
    ["/api/papers?cursor=%27%20OR%201%3D1--", /cursor/],
    [`/api/papers?cursor=${"A".repeat(3000)}`, /cursor is too long/],
  ])("%s -> 400 naming the parameter", async (path, message) => {
    const handler = path.startsWith("/api/daily_papers") ? dailyPapers : paperList;
    const { status, body } = await json(await handler(get(path)));
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
  });
});
