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
