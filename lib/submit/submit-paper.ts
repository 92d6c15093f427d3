import type { SessionUser } from "../auth/session";
import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/unique-violation";
import { ValidationError } from "../errors";
import { ingestRecords } from "../ingest/ingest";
import type { ParsedRecord } from "../ingest/record";
import { dayPeriod } from "../papers/period";
import { LIMITS } from "../rate-limit/limits";
import { consumeLimit } from "../rate-limit/rate-limit";
import { parseSubmittedArxivId } from "./arxiv-id-input";
import { fetchArxivPaper } from "./fetch-arxiv";

/** Submissions that reach arXiv, found or not, one account may make in an hour (lib/rate-limit/limits.ts). */
export const SUBMISSIONS_PER_HOUR = LIMITS.submit.account.points;

/** Longer than any arXiv address anyone pastes; longer input is refused before it is parsed. */
export const SUBMIT_INPUT_MAX_LENGTH = 300;

export type SubmitOutcome = { status: "added" | "already-in-feed"; paperId: string; title: string };

/**
 * /submit: puts an arXiv paper in today's feed with "submitted by". A paper already here is
 * answered with its address and not touched. Otherwise its metadata comes from the arXiv API
 * and goes in through the ingest path (the same merge rules as any ingest); when arXiv cannot
 * answer usefully, nothing is written. Every lookup that would reach arXiv is first counted
 * against the account's and the client address's limits (atomically, in the database), whether
 * arXiv then finds the paper or not: failed lookups are requests to arXiv too.
 */
export async function submitPaper(
  db: Database,
  options: { user: SessionUser; input: unknown; arxiv: { apiUrl: string; timeoutMs: number }; clientAddress?: string; now?: Date },
): Promise<SubmitOutcome> {
  if (typeof options.input === "string" && options.input.length > SUBMIT_INPUT_MAX_LENGTH) {
    throw new ValidationError(`That is too long for an arXiv id or address (${SUBMIT_INPUT_MAX_LENGTH} characters at most).`);
  }
  const id = parseSubmittedArxivId(options.input);
  const now = options.now ?? new Date();
  const existing = await db.prisma.paper.findUnique({ where: { arxivId: id }, select: { id: true, title: true } });
  if (existing) return { status: "already-in-feed", paperId: existing.id, title: existing.title };

  await consumeLimit(db, "submit", { account: options.user.id, address: options.clientAddress });
  const paper = await fetchArxivPaper(id, options.arxiv);
  const counts = await ingestRecords(db, oneRecord({ at: `arXiv ${id}`, paper }), { format: "arxiv-atom", feedDate: dayPeriod(now).start });
  const stored = await db.prisma.paper.findUniqueOrThrow({ where: { arxivId: id }, select: { id: true, title: true } });
  if (counts.inserted === 0) return { status: "already-in-feed", paperId: stored.id, title: stored.title };
  try {
    await db.prisma.submission.create({ data: { paperId: stored.id, userId: options.user.id, createdAt: now } });
  } catch (error) {
    // Two people submitted it at the same moment: the first one keeps the credit.
    if (!isUniqueViolation(error)) throw error;
  }
  return { status: "added", paperId: stored.id, title: stored.title };
}

async function* oneRecord(record: ParsedRecord): AsyncIterable<ParsedRecord> {
  yield record;
}
