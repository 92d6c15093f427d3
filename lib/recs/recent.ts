import type { Database } from "../db/database";
import { addDays, dayPeriod, type Period } from "../papers/period";
import { latestFeedDay } from "../papers/queries";

/** How far back /papers/for-you looks, from the feed's latest day. */
export const FOR_YOU_DAYS = 30;

/** The last FOR_YOU_DAYS days of the feed, counted back from its latest day; null on an empty database. */
export async function recentPeriod(db: Database): Promise<Period | null> {
  const latest = await latestFeedDay(db);
  if (!latest) return null;
  const end = dayPeriod(latest).end;
  return { kind: "month", key: "for-you", start: addDays(end, -FOR_YOU_DAYS), end };
}
