// `npm run digest -- [--date YYYY-MM-DD] [--dry-run] [--json]`
import { parseArgs } from "node:util";
import { runCommand, UsageError } from "../cli/command";
import { openDatabase } from "../db/database";
import { migrateDatabase } from "../db/migrate";
import { readEnv } from "../env";
import { parseIsoDay } from "../papers/period";
import { defaultDigestDay } from "./digest-periods";
import { formatDigestReport } from "./report";
import { sendDigestsFromEnv } from "./send-digests";

const USAGE = `Usage: npm run digest -- [options]

Emails each confirmed subscriber the trending papers of their period, once per period, through
SMTP_URL; links point to APP_URL. Run it daily (cron): weekly subscribers get theirs on the run
for a Sunday.

Options:
  --date YYYY-MM-DD   the day the digest covers (default: yesterday, UTC)
  --dry-run           say who would get what; send and record nothing
  --json              print the report as JSON
  -h, --help          this text

Exit status: 0 when every email went out, 1 when some failed (they are retried by later runs),
2 for a wrong command line.`;

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      date: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  const day = values.date === undefined ? defaultDigestDay(new Date()) : parseIsoDay(values.date);
  if (!day) throw new UsageError(`--date ${values.date} is not a day written YYYY-MM-DD.`);
  return { day, dryRun: values["dry-run"], json: values.json };
}

async function run(options: NonNullable<ReturnType<typeof parseCommandLine>>): Promise<number> {
  const env = readEnv();
  await migrateDatabase(env.DATABASE_URL);
  const db = openDatabase(env.DATABASE_URL);
  try {
    const report = await sendDigestsFromEnv(db, options);
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatDigestReport(report)}\n`);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

runCommand({ name: "digest", usage: USAGE, parse: parseCommandLine, run });
