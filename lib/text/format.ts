// The Intl formatters are made on first use, not when the module loads: constructing one costs
// ~20 ms of main thread on a phone (ICU data), and this module is in the header's client bundle
// (the search box's suggestions), so an eager one lengthened the page's first long task.
let dayFormat: Intl.DateTimeFormat | undefined;
let monthFormat: Intl.DateTimeFormat | undefined;

/** "Dec 12, 2025" for an ISO date or Date, read as a UTC day. */
export function formatDay(date: Date | string): string {
  dayFormat ??= new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
  return dayFormat.format(new Date(date));
}

export function formatMonth(date: Date | string): string {
  monthFormat ??= new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", year: "numeric" });
  return monthFormat.format(new Date(date));
}

/** "Ashish Vaswani" → "A. Vaswani", "Jean-Baptiste Alayrac" → "J.-B. Alayrac"; a one-word name stays whole. */
export function shortAuthorName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return name.trim();
  const initials = words.slice(0, -1).map((word) =>
    word
      .split("-")
      .map((part) => (part.endsWith(".") || part.length <= 1 ? part : `${[...part][0]}.`))
      .join("-"),
  );
  return [...initials, words.at(-1)].join(" ");
}

/**
 * A card's authors: up to three by short name, else the first two and how many more
 * ("A. Vaswani, N. Shazeer, … +6"); only the count when the source gave no names; nothing at all
 * when it gave neither (never "0 authors").
 */
export function formatAuthors(names: string[], count: number): string {
  const total = Math.max(count, names.length);
  if (names.length === 0) return total > 0 ? `${total} ${total === 1 ? "author" : "authors"}` : "";
  if (total <= 3) return names.map(shortAuthorName).join(", ");
  return `${names.slice(0, 2).map(shortAuthorName).join(", ")}, … +${total - 2}`;
}

let relativeFormat: Intl.RelativeTimeFormat | undefined;
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
    if (Math.abs(seconds) >= size) return (relativeFormat ??= new Intl.RelativeTimeFormat("en", { numeric: "auto" })).format(Math.round(seconds / size), unit);
  }
  return "just now";
}
