import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addComment, COMMENTS_PER_MINUTE, countComments, deleteComment, editComment, listComments } from "../../lib/comments/comments";
import { ForbiddenError, NotFoundError, RateLimitError } from "../../lib/errors";
import { ingestFromSource } from "../../lib/ingest/run";
import { getPaper } from "../../lib/papers/queries";
import { SAMPLE_FILE } from "../../prisma/seed";
import { createUsers } from "../support/accounts";
import { providers, type TestDatabase } from "../support/databases";

const PAPER = "vidla-video-language-alignment-at-scale";

describe.each(providers())("comments on $name", (provider) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await provider.create();
    await ingestFromSource(db, { source: SAMPLE_FILE });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await db.drop();
  });

  it("posts, lists oldest first, counts them on the paper, edits and deletes", async () => {
    const [ada, bob] = await createUsers(db, 2);
    await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "  First, with a link: https://example.org/x.  " });
    await addComment(db, { user: bob!, paperId: PAPER, id: randomUUID(), body: "Second." });
    const comments = await listComments(db, PAPER);
    expect(comments.map((comment) => [comment.author?.name, comment.body])).toEqual([
      ["Reader 1", "First, with a link: https://example.org/x."],
      ["Reader 2", "Second."],
    ]);
    expect((await getPaper(db, PAPER)).numComments).toBe(2);

    const edited = await editComment(db, { user: ada!, commentId: comments[0]!.id, body: "First, edited." });
    expect(edited.body).toBe("First, edited.");
    await expect(editComment(db, { user: bob!, commentId: comments[0]!.id, body: "Hijacked." })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteComment(db, { user: bob!, commentId: comments[0]!.id })).rejects.toBeInstanceOf(ForbiddenError);
    await deleteComment(db, { user: ada!, commentId: comments[0]!.id });
    expect((await listComments(db, PAPER)).map((comment) => comment.body)).toEqual(["Second."]);
    await expect(deleteComment(db, { user: ada!, commentId: comments[0]!.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("threads replies one level deep: a reply to a reply joins the same thread", async () => {
    const [ada, bob, cy] = await createUsers(db, 3);
    const question = await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "Does it scale?" });
    const answer = await addComment(db, { user: bob!, paperId: PAPER, id: randomUUID(), parentId: question.id, body: "Yes, see Table 3." });
    await addComment(db, { user: cy!, paperId: PAPER, id: randomUUID(), body: "Unrelated remark." });
    const followUp = await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), parentId: answer.id, body: "Thanks!" });
    expect(followUp.parentId).toBe(question.id);
    const threads = await listComments(db, PAPER);
    expect(threads.map((thread) => [thread.body, thread.replies.map((reply) => [reply.author?.name, reply.body])])).toEqual([
      [
        "Does it scale?",
        [
          ["Reader 2", "Yes, see Table 3."],
          ["Reader 1", "Thanks!"],
        ],
      ],
      ["Unrelated remark.", []],
    ]);
    expect(countComments(threads)).toBe(4);
    expect((await getPaper(db, PAPER)).numComments).toBe(4);
  });

  it("refuses a reply to a comment that is gone, deleted or on another paper, and stores nothing", async () => {
    const [ada] = await createUsers(db, 1);
    const other = (await db.prisma.paper.findFirstOrThrow({ where: { id: { not: PAPER } }, select: { id: true } })).id;
    const elsewhere = await addComment(db, { user: ada!, paperId: other, id: randomUUID(), body: "On another paper." });
    for (const parentId of [randomUUID(), "not-an-id", elsewhere.id]) {
      await expect(addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), parentId, body: "A reply." })).rejects.toThrow(
        "The comment you replied to is gone",
      );
    }
    expect(await listComments(db, PAPER)).toEqual([]);
  });

  it("keeps a deleted comment's place while it has replies, and lets it go with its last reply", async () => {
    const [ada, bob] = await createUsers(db, 2);
    const question = await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "A question with **words**." });
    const answer = await addComment(db, { user: bob!, paperId: PAPER, id: randomUUID(), parentId: question.id, body: "An answer." });
    await deleteComment(db, { user: ada!, commentId: question.id });
    const [thread] = await listComments(db, PAPER);
    expect(thread).toMatchObject({ id: question.id, body: "", html: "", author: null, edited: false });
    expect(thread!.replies.map((reply) => reply.body)).toEqual(["An answer."]);
    expect((await getPaper(db, PAPER)).numComments).toBe(1);
    // Its words are gone from the database too, and it takes no edits or new replies.
    expect((await db.prisma.comment.findUniqueOrThrow({ where: { id: question.id } })).body).toBe("");
    await expect(editComment(db, { user: ada!, commentId: question.id, body: "Back." })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addComment(db, { user: bob!, paperId: PAPER, id: randomUUID(), parentId: question.id, body: "More." })).rejects.toThrow("gone");
    await expect(deleteComment(db, { user: ada!, commentId: question.id })).rejects.toBeInstanceOf(NotFoundError);

    await deleteComment(db, { user: bob!, commentId: answer.id });
    expect(await listComments(db, PAPER)).toEqual([]);
    expect(await db.prisma.comment.count()).toBe(0);
  });

  it("keeps the replies, as comments of their own, when the account that started the thread goes", async () => {
    const [ada, bob] = await createUsers(db, 2);
    const question = await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "Question." });
    await addComment(db, { user: bob!, paperId: PAPER, id: randomUUID(), parentId: question.id, body: "Answer." });
    await db.prisma.user.delete({ where: { id: ada!.id } });
    expect((await listComments(db, PAPER)).map((thread) => [thread.body, thread.replies.length])).toEqual([["Answer.", 0]]);
  });

  it("lets an admin delete anyone's comment", async () => {
    const [ada] = await createUsers(db, 1);
    const [admin] = await createUsers(db, 1, { admin: true });
    const comment = await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "Spam." });
    await expect(editComment(db, { user: admin!, commentId: comment.id, body: "Edited by admin" })).rejects.toBeInstanceOf(ForbiddenError);
    await deleteComment(db, { user: admin!, commentId: comment.id });
    expect(await listComments(db, PAPER)).toEqual([]);
  });

  it.each([
    ["an empty comment", "", "Write a comment first: it is empty."],
    ["a blank comment", " \n\t ", "Write a comment first: it is empty."],
    ["5,001 characters", "x".repeat(5_001), "Comments are limited to 5,000 characters; this one has 5,001."],
  ])("refuses %s with a message and stores nothing", async (_label, body, message) => {
    const [ada] = await createUsers(db, 1);
    const attempt = addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body });
    await expect(attempt).rejects.toBeInstanceOf(ZodError);
    await expect(attempt).rejects.toThrow(message);
    expect(await db.prisma.comment.count()).toBe(0);
  });

  it("accepts exactly 5,000 characters", async () => {
    const [ada] = await createUsers(db, 1);
    await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "y".repeat(5_000) });
    expect(await db.prisma.comment.count()).toBe(1);
  });

  it("stores a double submit once, even when both arrive at the same moment", async () => {
    const [ada] = await createUsers(db, 1);
    const id = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => addComment(db, { user: ada!, paperId: PAPER, id, body: "Once." })));
    expect(new Set(results.map((result) => result.id))).toEqual(new Set([id]));
    expect(await db.prisma.comment.count()).toBe(1);
  });

  it(`limits an account to ${COMMENTS_PER_MINUTE} comments a minute`, async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const [ada, bob] = await createUsers(db, 2);
    for (let index = 0; index < COMMENTS_PER_MINUTE; index++) {
      await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: `Comment ${index}` });
    }
    const refused = addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "One too many" });
    await expect(refused).rejects.toBeInstanceOf(RateLimitError);
    await expect(refused).rejects.toThrow(/Too many comments \(5 a minute per account\); try again in (\d+ seconds?|1 minute)\./);
    // Another account is not slowed down, and a minute later the first may post again.
    await addComment(db, { user: bob!, paperId: PAPER, id: randomUUID(), body: "Fine." });
    vi.setSystemTime(Date.now() + 61_000);
    await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "Later." });
    expect(await db.prisma.comment.count()).toBe(COMMENTS_PER_MINUTE + 2);
  });

  it("stores exactly the limit when one account posts 20 comments at once", async () => {
    const [ada] = await createUsers(db, 1);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) => addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: `Burst ${index}` })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(COMMENTS_PER_MINUTE);
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(RateLimitError);
    expect(await db.prisma.comment.count()).toBe(COMMENTS_PER_MINUTE);
  });

  it("limits one client address however many accounts it posts from", async () => {
    const users = await createUsers(db, 25);
    const outcomes = await Promise.allSettled(
      users.map((user) => addComment(db, { user, paperId: PAPER, id: randomUUID(), body: "Sock puppet.", clientAddress: "203.0.113.7" })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(20);
    expect(await db.prisma.comment.count()).toBe(20);
  });

  it("counts edits against the same limit, and refuses an over-long id before looking it up", async () => {
    const [ada] = await createUsers(db, 1);
    const comment = await addComment(db, { user: ada!, paperId: PAPER, id: randomUUID(), body: "Typo." });
    for (let index = 1; index < COMMENTS_PER_MINUTE; index++) await editComment(db, { user: ada!, commentId: comment.id, body: `Fixed ${index}.` });
    await expect(editComment(db, { user: ada!, commentId: comment.id, body: "Once more." })).rejects.toBeInstanceOf(RateLimitError);
    await expect(addComment(db, { user: ada!, paperId: "x".repeat(10_000), id: randomUUID(), body: "Hi" })).rejects.toThrow(/at most 200 characters/);
    await expect(deleteComment(db, { user: ada!, commentId: "x".repeat(10_000) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a comment on an unknown paper", async () => {
    const [ada] = await createUsers(db, 1);
    await expect(addComment(db, { user: ada!, paperId: "9999.99999", id: randomUUID(), body: "Hi" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
