import { dayPeriod, weekPeriod, type Period } from "../papers/period";
import type { Frequency } from "../subscriptions/schema";

export type DigestPeriod = { frequency: Frequency; period: Period; /** The delivery key: "day:2026-11-25", "week:2026-W48". */ key: string };

/**
 * What a digest run for `day` sends: daily subscribers get that day's papers; weekly ones get
 * the ISO week that `day` ends, so only a run for a Sunday has a weekly digest. A daily cron
 * with the default day (yesterday) therefore sends each week's digest once, on Monday.
 */
export function digestPeriods(day: Date): { due: DigestPeriod[]; notDue: Array<{ frequency: Frequency; reason: string }> } {
  const daily = dayPeriod(day);
  const week = weekPeriod(day);
  const due: DigestPeriod[] = [{ frequency: "daily", period: daily, key: `day:${daily.key}` }];
  const endsWeek = week.end.getTime() === daily.end.getTime();
  if (endsWeek) return { due: [...due, { frequency: "weekly", period: week, key: `week:${week.key}` }], notDue: [] };
  return { due, notDue: [{ frequency: "weekly", reason: `weekly digests go out for the last day of a week (a Sunday); ${daily.key} is not one` }] };
}

/** The default day of a run: yesterday (UTC), the last whole day of papers. */
export function defaultDigestDay(now: Date): Date {
  return dayPeriod(new Date(now.getTime() - 86_400_000)).start;
}
