import { parseHfDailyJson } from "../ingest/formats/hf-daily-json";
import { addDays, formatIsoDay, parseIsoDay, utcDay } from "../papers/period";
import type { PolitePolicy } from "./polite-fetch";
import { failedStep, ingestStep, type SourceRun, type SyncSource } from "./source";

/** Hugging Face's API allows up to 100 papers a page; a day has fewer than that, so one page each as a rule. */
const PAGE_SIZE = 100;
// A day is never this long: a server that ignored `p` would otherwise be asked forever.
const MAX_PAGES = 20;
/** Upvotes and comments keep growing after a paper's day: this many days before today are read again on every run. */
export const HF_REFRESH_DAYS = 3;
/** The days a first run reads without --since or --days. */
export const FIRST_RUN_DAYS = 7;

/** A modest pace: Hugging Face allows 500 requests in 5 minutes to an address; a run asks for a page a second. */
export const HF_POLICY: PolitePolicy = {
  intervalMs: 1_000,
  timeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  retries: 4,
  backoffMs: 2_000,
  maxWaitMs: 5 * 60_000,
};

/**
 * Hugging Face's daily list, a day at a time (GET {HF_API_URL}/api/daily_papers?date=&p=&limit=),
 * each day read page after page until a short one. The cursor is the first day not yet read
 * whole: the next run starts there (or HF_REFRESH_DAYS before today, whichever is earlier, to
 * pick up grown upvotes). A day that fails is reported and keeps the cursor at it, while the
 * days after it still go in.
 */
export function hfSource(options: { apiUrl: string; pageSize?: number; policy?: PolitePolicy }): SyncSource {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const policy = options.policy ?? HF_POLICY;
  return {
    name: "hf",
    async run(context) {
      const today = utcDay(context.now);
      let failed = false;
      for (let day = firstDay(context, today); day <= today; day = addDays(day, 1)) {
        if (!(await context.stillHeld())) return;
        const what = formatIsoDay(day);
        try {
          const records = await readDay(context, day, { apiUrl: options.apiUrl, pageSize, policy });
          if (!(await context.stillHeld())) return;
          context.report(await ingestStep(context, what, records, "hf-daily-json"));
          // Today's list is never whole: it grows until the day ends, so the cursor stops at today.
          if (!failed && !context.dryRun) await context.saveCursor(formatIsoDay(day < today ? addDays(day, 1) : today));
        } catch (error) {
          failed = true;
          context.report(failedStep(what, error));
        }
      }
    },
  };
}

function firstDay(context: SourceRun, today: Date): Date {
  if (context.since) return utcDay(context.since);
  if (context.days !== undefined) return addDays(today, 1 - context.days);
  const cursor = context.cursor ? parseIsoDay(context.cursor) : null;
  if (!cursor) return addDays(today, 1 - FIRST_RUN_DAYS);
  const refresh = addDays(today, -HF_REFRESH_DAYS);
  return cursor < refresh ? cursor : refresh;
}

async function readDay(context: SourceRun, day: Date, options: { apiUrl: string; pageSize: number; policy: PolitePolicy }) {
  const records = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL("/api/daily_papers", options.apiUrl);
    url.search = new URLSearchParams({ date: formatIsoDay(day), p: String(page), limit: String(options.pageSize) }).toString();
    const text = await context.fetch(url.toString(), options.policy);
    if (!text.trimStart().startsWith("[")) throw new Error(`page ${page} is not a list of papers (${text.trim().slice(0, 60) || "empty"})`);
    const parsed = parseHfDailyJson(text);
    const broken = parsed.find((record) => "error" in record && record.at === "document");
    if (broken && "error" in broken) throw new Error(`page ${page} ${broken.error}`);
    records.push(...parsed);
    if (parsed.length < options.pageSize) return records;
  }
  throw new Error(`more than ${MAX_PAGES} pages of ${options.pageSize}: the answer does not end`);
}
