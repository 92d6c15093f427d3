const dayFormat = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
const monthFormat = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", year: "numeric" });

/** "Dec 12, 2025" for an ISO date or Date, read as a UTC day. */
export function formatDay(date: Date | string): string {
  return dayFormat.format(new Date(date));
}

export function formatMonth(date: Date | string): string {
  return monthFormat.format(new Date(date));
}

/** "3 authors" / the names, shortened after a few. */
export function formatAuthors(names: string[], count: number, max = 4): string {
  if (names.length === 0) return `${count} ${count === 1 ? "author" : "authors"}`;
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} +${count - max} more`;
}

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelative(date: Date | string, now: Date = new Date()): string {
  const seconds = (new Date(date).getTime() - now.getTime()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return "just now";
}
