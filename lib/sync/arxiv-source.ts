import { parseArxivAtom } from "../ingest/formats/arxiv-atom";
import type { ParsedRecord } from "../ingest/record";
import { addDays, utcDay } from "../papers/period";
import type { PolitePolicy } from "./polite-fetch";
import { failedStep, ingestStep, type SourceRun, type SyncSource } from "./source";

const PAGE_SIZE = 100;
// 2,000 entries: far more than a category's new submissions between two runs.
const MAX_PAGES = 20;
/**
 * arXiv's moderation can take up to four days, so a paper announced today may carry an older
 * first-version date than papers already synced: each run reads back this far before its watermark.
 */
export const ARXIV_LAG_DAYS = 4;

/** arXiv's published rule: one request every three seconds, one connection at a time (retries count). */
export const ARXIV_POLICY: PolitePolicy = {
  intervalMs: 3_000,
  timeoutMs: 60_000,
  maxBytes: 20 * 1024 * 1024,
  retries: 4,
  backoffMs: 15_000,
  maxWaitMs: 5 * 60_000,
};

/**
 * One arXiv category's newest submissions from arXiv's API (cat:<category>, newest first), a page
 * at a time, back to ARXIV_LAG_DAYS before the newest first-version date the last run saw (its
 * watermark; on a first run, --since or the last --days days). Each paper's feed day is its
 * publication day, unless another source (Hugging Face) already placed it. A failed page stops
 * the run for this source with the watermark where it was: the next run reads it all again.
 */
export function arxivSource(options: { category: string; apiUrl: string; pageSize?: number; policy?: PolitePolicy }): SyncSource {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const policy = options.policy ?? ARXIV_POLICY;
  return {
    name: `arxiv:${options.category}`,
    async run(context) {
      const bound = oldestWanted(context);
      let newest = context.cursor ? new Date(context.cursor) : null;
      for (let page = 0; page < MAX_PAGES; page++) {
        if (!(await context.stillHeld())) return;
        const what = `page ${page + 1}`;
        let records: ParsedRecord[];
        try {
          records = await readPage(context, options, { page, pageSize, policy });
        } catch (error) {
          context.report(failedStep(what, error));
          return;
        }
        if (!(await context.stillHeld())) return;
        const papers = records.flatMap((record) => ("paper" in record ? [record.paper] : []));
        context.report(await ingestStep(context, what, records, "arxiv-atom"));
        for (const paper of papers) if (!newest || paper.publishedAt > newest) newest = paper.publishedAt;
        const oldest = papers.reduce<Date | null>((min, paper) => (!min || paper.publishedAt < min ? paper.publishedAt : min), null);
        if (records.length < pageSize || (oldest && oldest < bound)) break;
      }
      if (newest && !context.dryRun) await context.saveCursor(newest.toISOString());
    },
  };
}

function oldestWanted(context: SourceRun): Date {
  const today = utcDay(context.now);
  if (context.since) return utcDay(context.since);
  if (context.days !== undefined) return addDays(today, 1 - context.days);
  if (context.cursor) return addDays(utcDay(new Date(context.cursor)), -ARXIV_LAG_DAYS);
  return addDays(today, -7);
}

async function readPage(
  context: SourceRun,
  options: { category: string; apiUrl: string },
  { page, pageSize, policy }: { page: number; pageSize: number; policy: PolitePolicy },
): Promise<ParsedRecord[]> {
  const url = new URL(options.apiUrl);
  url.search = new URLSearchParams({
    search_query: `cat:${options.category}`,
    sortBy: "submittedDate",
    sortOrder: "descending",
    start: String(page * pageSize),
    max_results: String(pageSize),
  }).toString();
  const text = await context.fetch(url.toString(), policy);
  const records = parseArxivAtom(text);
  const problem = records.find((record) => "error" in record && (record.at === "document" || record.error.startsWith("is an arXiv API error")));
  if (problem && "error" in problem) throw new Error(problem.error);
  // arXiv now and then answers a page in the middle of a listing with no entries: that is a
  // failure to try again, not the end of the category.
  const total = Number(/<opensearch:totalResults[^>]*>(\d+)</.exec(text)?.[1]);
  if (records.length === 0 && page > 0 && Number.isFinite(total) && page * pageSize < total) {
    throw new Error(`arXiv answered an empty page ${page + 1} of ${Math.ceil(total / pageSize)}`);
  }
  return records;
}
