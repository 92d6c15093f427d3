/**
 * The feed's periods in Hugging Face's URL scheme: a day (2025-12-12), an ISO week (2025-W50)
 * and a month (2025-12). Each is a half-open UTC range [start, end).
 */
export type PeriodKind = "day" | "week" | "month";
export type Period = { kind: PeriodKind; key: string; start: Date; end: Date };

const DAY_MS = 86_400_000;

/** "2025-12-12" -> midnight UTC of that day, or null unless it is a real calendar day. */
export function parseIsoDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

export function formatIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Monday of ISO week 1: the week with the year's first Thursday. */
function isoWeekOneMonday(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS);
}

function isoWeekOf(date: Date): { year: number; week: number } {
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  return { year, week: Math.floor((thursday.getTime() - isoWeekOneMonday(year).getTime()) / (7 * DAY_MS)) + 1 };
}

export function dayPeriod(date: Date): Period {
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return { kind: "day", key: formatIsoDay(start), start, end: new Date(start.getTime() + DAY_MS) };
}

export function weekPeriod(date: Date): Period {
  const { year, week } = isoWeekOf(date);
  const start = new Date(isoWeekOneMonday(year).getTime() + (week - 1) * 7 * DAY_MS);
  return { kind: "week", key: `${year}-W${String(week).padStart(2, "0")}`, start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

export function monthPeriod(date: Date): Period {
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  return {
    kind: "month",
    key: start.toISOString().slice(0, 7),
    start,
    end: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)),
  };
}

export const periodOf: Record<PeriodKind, (date: Date) => Period> = { day: dayPeriod, week: weekPeriod, month: monthPeriod };

/** Parses a period key of the given kind, or null when it is not one ("2025-13-40", "2025-W54"). */
export function parsePeriod(kind: PeriodKind, key: string): Period | null {
  if (kind === "day") {
    const day = parseIsoDay(key);
    return day ? dayPeriod(day) : null;
  }
  if (kind === "month") {
    const day = /^\d{4}-\d{2}$/.test(key) ? parseIsoDay(`${key}-01`) : null;
    return day ? monthPeriod(day) : null;
  }
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  const period = weekPeriod(new Date(isoWeekOneMonday(year).getTime() + (week - 1) * 7 * DAY_MS));
  return period.key === key ? period : null;
}

/** How each kind's key is written, for error messages. */
export const PERIOD_FORMATS: Record<PeriodKind, string> = { day: "YYYY-MM-DD", week: "YYYY-Www", month: "YYYY-MM" };

/** Midnight UTC of a time's day. */
export const utcDay = (time: Date) => new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);

/** The day `days` days after (or, negative, before) a day. */
export const addDays = (day: Date, days: number) => new Date(day.getTime() + days * DAY_MS);
