// `npm run ingest -- <file|url|-> [--format F] [--as-of YYYY-MM-DD] [--feed-date YYYY-MM-DD] [--batch-size N] [--dry-run] [--json]`
import { parseArgs } from "node:util";
import { runCommand, UsageError } from "../cli/command";
import { openDatabase } from "../db/database";
import { migrateDatabase } from "../db/migrate";
import { readEnv } from "../env";
import { ingestFromSource, formatSummary, type IngestSummary } from "./run";
import { FORMATS, type FormatName } from "./record";
import { parseIsoDay } from "../papers/period";
import { createProgress } from "./progress";

const USAGE = `Usage: npm run ingest -- <file|url|-> [options]

Reads paper listings into the database (DATABASE_URL, default file:./data/papers.db).

Options:
  --format F            ${FORMATS.join(" | ")} (default: detected from the content)
  --as-of YYYY-MM-DD    the day a Daily Papers page was captured (the year of its year-less dates)
  --feed-date YYYY-MM-DD  the feed day for papers whose source has none (default: publication day)
  --batch-size N        papers per transaction (default: 20000 on SQLite, 10000 on PostgreSQL)
  --dry-run             read and check everything, write nothing
  --json                print one JSON summary object last
  -h, --help            this text`;

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "as-of": { type: "string" },
      "feed-date": { type: "string" },
      "batch-size": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? "Name a file, a URL or - (standard input)." : `One source at a time; got ${positionals.length}.`);
  const day = (flag: "as-of" | "feed-date") => {
    const text = values[flag];
    if (text === undefined) return undefined;
    const date = parseIsoDay(text);
    if (!date) throw new UsageError(`--${flag} ${text} is not a day written YYYY-MM-DD.`);
    return date;
  };
  const format = values.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format ${format} is not one of ${FORMATS.join(", ")}.`);
  }
  const batchText = values["batch-size"];
  const batchSize = batchText === undefined ? undefined : Number(batchText);
  if (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize >= 1 && batchSize <= 1_000_000 && /^\d+$/.test(batchText!))) {
    throw new UsageError(`--batch-size ${batchText} is not a whole number from 1 to 1000000.`);
  }
  return {
    source: positionals[0]!,
    format: format as FormatName | undefined,
    asOf: day("as-of"),
    feedDate: day("feed-date"),
    dryRun: values["dry-run"],
    batchSize,
    json: values.json,
  };
}

async function run(options: NonNullable<ReturnType<typeof parseCommandLine>>): Promise<number> {
  const { DATABASE_URL } = readEnv();
  await migrateDatabase(DATABASE_URL);
  const db = openDatabase(DATABASE_URL);
  const progress = createProgress(process.stderr);
  try {
    const summary: IngestSummary = await ingestFromSource(db, { ...options, onBytes: progress.bytes, onProgress: progress.counts });
    progress.stop();
    if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`${formatSummary(summary, options.dryRun)}\n`);
    return 0;
  } finally {
    progress.stop();
    await db.close();
  }
}

runCommand({ name: "ingest", usage: USAGE, parse: parseCommandLine, run });
