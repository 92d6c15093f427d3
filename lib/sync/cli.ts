// `npm run sync -- [--since YYYY-MM-DD] [--days N] [--source S]… [--dry-run] [--json] [--digest]`
import { parseArgs } from "node:util";
import { runCommand, UsageError } from "../cli/command";
import { openDatabase } from "../db/database";
import { migrateDatabase } from "../db/migrate";
import { defaultDigestDay } from "../digest/digest-periods";
import { formatDigestReport } from "../digest/report";
import { sendDigestsFromEnv } from "../digest/send-digests";
import { readEnv } from "../env";
import { parseIsoDay } from "../papers/period";
import { formatSyncReport, formatSyncStep } from "./report";
import { runSync, syncSources } from "./run-sync";

const USAGE = `Usage: npm run sync -- [options]

Brings the database up to date from the sources in SYNC_SOURCES (default: hf): Hugging Face's
daily list (HF_API_URL) from the last synced day to today, the last 3 days read again for their
grown upvotes; arXiv's new submissions of a category (arxiv:cs.CL, from ARXIV_API_URL) back to
the newest one already seen. Politely: one request at a time, a second apart to Hugging Face and
three to arXiv, retrying 429 and 5xx as long as the server asks. Running it twice changes nothing
the second time; a run cut short is finished by the next; two runs at once do not both fetch.

Options:
  --since YYYY-MM-DD  read from this day instead of where the last run stopped
  --days N            read the last N days (today included) instead
  --source S          only this source (hf, arxiv:cs.CL); repeat for more
  --dry-run           fetch and say what would change; write nothing
  --json              print the report as JSON
  --digest            then email the digests (as npm run digest does), when SMTP_URL is set
  -h, --help          this text

Exit status: 0 when every source synced, 1 when a day or page failed (the next run retries it) or
another sync was running, 2 for a wrong command line.`;

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      since: { type: "string" },
      days: { type: "string" },
      source: { type: "string", multiple: true },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      digest: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  const since = values.since === undefined ? undefined : parseIsoDay(values.since);
  if (since === null) throw new UsageError(`--since ${values.since} is not a day written YYYY-MM-DD.`);
  if (since && since.getTime() > Date.now()) throw new UsageError(`--since ${values.since} is in the future.`);
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 366))
    throw new UsageError(`--days must be a whole number from 1 to 366, not ${values.days}.`);
  if (since && days !== undefined) throw new UsageError("Give --since or --days, not both.");
  return { since, days, sources: values.source, dryRun: values["dry-run"], json: values.json, digest: values.digest };
}

async function run(options: NonNullable<ReturnType<typeof parseCommandLine>>): Promise<number> {
  const env = readEnv();
  let sources;
  try {
    sources = syncSources(options.sources ?? env.SYNC_SOURCES, { hfApiUrl: env.HF_API_URL, arxivApiUrl: env.ARXIV_API_URL });
    if (sources.length === 0) throw new Error("No source to sync: SYNC_SOURCES is empty (set it to hf, arxiv:cs.CL, …).");
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  await migrateDatabase(env.DATABASE_URL);
  const db = openDatabase(env.DATABASE_URL);
  try {
    const report = await runSync(db, {
      sources,
      since: options.since,
      days: options.days,
      dryRun: options.dryRun,
      onStep: options.json ? undefined : (source, step) => process.stdout.write(`${formatSyncStep(source, step)}\n`),
    });
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatSyncReport(report)}\n`);
    let failed = report.busy !== null || report.sources.some((source) => source.status !== "ok");
    if (options.digest && !report.busy && env.SMTP_URL) {
      const digest = await sendDigestsFromEnv(db, { day: defaultDigestDay(new Date()), dryRun: options.dryRun });
      if (!options.json) process.stdout.write(`${formatDigestReport(digest)}\n`);
      failed ||= digest.failed.length > 0;
    }
    return failed ? 1 : 0;
  } finally {
    await db.close();
  }
}

runCommand({ name: "sync", usage: USAGE, parse: parseCommandLine, run });
