import type { SessionUser } from "../auth/session";
import type { Database } from "../db/database";
import { ValidationError } from "../errors";
import { canonicalPaperId } from "../papers/identity";
import { PAPER_ID_MAX_LENGTH, upvotedAmong } from "../papers/upvotes";

// Pages are the same bytes for everyone (so they can be kept and shared); what differs by who is
// looking comes from this one small answer, asked for by the page's islands after it loads
// (components/viewer/) and never kept for anyone else.

/**
 * Who is looking, which of the page's papers they upvoted, and those papers' upvote counts as
 * they are now. The page itself may be a copy from just before a vote, served while it renders
 * again (lib/http/response-cache.ts), so the counts are here too: a vote shows on the next request.
 */
export type ViewerAnswer = {
  user: { id: string; name: string; email: string; isAdmin: boolean } | null;
  upvoted: string[];
  upvotes: Record<string, number>;
};

/** More than a page of papers holds (the feed shows 50, search 20). */
export const VIEWER_PAPERS_MAX = 200;

/** The `papers` parameter: comma-separated paper ids, as many as a page shows. */
export function viewerPaperIds(param: string | null): string[] {
  if (!param) return [];
  const ids = [...new Set(param.split(",").filter(Boolean))];
  if (ids.length > VIEWER_PAPERS_MAX) throw new ValidationError(`Ask for at most ${VIEWER_PAPERS_MAX} papers at once.`);
  const tooLong = ids.find((id) => id.length > PAPER_ID_MAX_LENGTH);
  if (tooLong !== undefined) throw new ValidationError(`A paper id is at most ${PAPER_ID_MAX_LENGTH} characters.`);
  return ids;
}

/** The viewer answer for a signed-in account, or for nobody. Paper ids come back as they were asked for. */
export async function viewerAnswer(db: Database, user: SessionUser | null, paperIds: string[]): Promise<ViewerAnswer> {
  const canonical = new Map(paperIds.map((id) => [canonicalPaperId(id), id]));
  const ids = [...canonical.keys()];
  const [upvoted, counts] = await Promise.all([upvotedAmong(db, { userId: user?.id ?? null, paperIds: ids }), ids.length ? db.store.upvoteCounts(ids) : []]);
  return {
    user: user && { id: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin },
    upvoted: [...upvoted].map((id) => canonical.get(id)!),
    upvotes: Object.fromEntries(counts.map(({ id, upvotes }) => [canonical.get(id)!, upvotes])),
  };
}
