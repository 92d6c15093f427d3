import type { SessionUser } from "../auth/session";
import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/unique-violation";
import { RateLimitError } from "../errors";
import { ingestRecords } from "../ingest/ingest";
import type { ParsedRecord } from "../ingest/record";
import { dayPeriod } from "../papers/period";
import { parseSubmittedArxivId } from "./arxiv-id-input";
import { fetchArxivPaper } from "./fetch-arxiv";

/** Papers one account may submit in an hour. */
export const SUBMISSIONS_PER_HOUR = 10;

export type SubmitOutcome = { status: "added" | "already-in-feed"; paperId: string; title: string };

/**
 * /submit: puts an arXiv paper in today's feed with "submitted by". A paper already here is
 * answered with its address and not touched. Otherwise its metadata comes from the arXiv API
 * and goes in through the ingest path (the same merge rules as any ingest); when arXiv cannot
 * answer usefully, nothing is written.
 */
export async function submitPaper(
  db: Database,
  options: { user: SessionUser; input: unknown; arxiv: { apiUrl: string; timeoutMs: number }; now?: Date },
): Promise<SubmitOutcome> {
  const id = parseSubmittedArxivId(options.input);
  const now = options.now ?? new Date();
  const existing = await db.prisma.paper.findUnique({ where: { arxivId: id }, select: { id: true, title: true } });
  if (existing) return { status: "already-in-feed", paperId: existing.id, title: existing.title };

  const since = new Date(now.getTime() - 3_600_000);
  const recent = await db.prisma.submission.count({ where: { userId: options.user.id, createdAt: { gte: since } } });
  if (recent >= SUBMISSIONS_PER_HOUR) throw new RateLimitError(`You can submit ${SUBMISSIONS_PER_HOUR} papers an hour; try again later.`);

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
