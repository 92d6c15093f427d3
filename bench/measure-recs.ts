import type { Database } from "../lib/db/database";
import { clearAnswerCache } from "../lib/cache/answer-cache";
import { getPaper } from "../lib/papers/queries";
import { relatedPapers } from "../lib/search/related";
import { latencies, timed, type Latencies } from "./stats";

export type RecsFigures = {
  /** /papers/for-you for a reader with `upvotes` upvotes, their model already trained. */
  forYouCached: Latencies;
  /** The same page right after each of a series of new votes: the model trains again first. */
  forYouAfterVote: Latencies;
  /** A paper page's related papers, computed afresh (lexical candidates, then cosine). */
  related: Latencies;
  upvotes: number;
};

const READER_UPVOTES = 200;

/**
 * For you and related papers on the served app: the signed-in reader (`cookie`) gets 200
 * upvotes among the latest papers, then the page is timed with the model kept and right after
 * new votes; related papers are timed in this process with the answer cache cleared each time.
 */
export async function measureRecs(db: Database, origin: string, cookie: string): Promise<RecsFigures> {
  const viewer = (await (await fetch(`${origin}/api/viewer`, { headers: { cookie } })).json()) as { user: { id: string } };
  const latest = await db.prisma.paper.findMany({
    where: { hidden: false },
    orderBy: [{ feedDate: "desc" }, { id: "asc" }],
    take: 3_000,
    select: { id: true },
  });
  // Every 15th of the latest papers: spread over about two months of the corpus.
  const liked = latest.filter((_, index) => index % 15 === 0).slice(0, READER_UPVOTES);
  await db.prisma.upvote.createMany({ data: liked.map((paper) => ({ userId: viewer.user.id, paperId: paper.id })) });
  const page = async () => {
    const response = await fetch(`${origin}/papers/for-you`, { headers: { cookie } });
    if (!response.ok) throw new Error(`/papers/for-you answered ${response.status}`);
    await response.text();
  };
  await page();
  const cached: number[] = [];
  for (let index = 0; index < 40; index++) cached.push((await timed(page)).ms);
  const afterVote: number[] = [];
  for (const paper of latest.filter((_, index) => index % 15 === 7).slice(0, 20)) {
    const vote = await fetch(`${origin}/api/papers/${paper.id}/upvote`, { method: "POST", headers: { cookie, origin } });
    if (!vote.ok) throw new Error(`An upvote answered ${vote.status}`);
    afterVote.push((await timed(page)).ms);
  }
  const related: number[] = [];
  for (const paper of latest.filter((_, index) => index % 15 === 3).slice(0, 100)) {
    const view = await getPaper(db, paper.id);
    clearAnswerCache();
    related.push((await timed(() => relatedPapers(db, view))).ms);
  }
  return { forYouCached: latencies(cached), forYouAfterVote: latencies(afterVote), related: latencies(related), upvotes: liked.length };
}
