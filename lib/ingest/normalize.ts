// C0 control characters other than white space, DEL, and any surrogate (a pair is fine, half
// of one is not): worth a second look before text is stored.
const SUSPECT = /[\u0000-\u0008\u000e-\u001f\u007f\ud800-\udfff]/;
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/**
 * arXiv hard-wraps titles and abstracts; every run of white space becomes one space. Control
 * characters count as white space (PostgreSQL cannot store NUL, and none means anything in a
 * title), and half a surrogate pair becomes U+FFFD, which is what either database would store:
 * text read again then compares equal to what was stored.
 */
export function collapseWhitespace(text: string): string {
  const plain = SUSPECT.test(text) ? text.replace(CONTROLS, " ").replace(LONE_SURROGATES, "\ufffd") : text;
  // Only runs that are not already one plain space are replaced: 3-4x faster on abstracts,
  // which are mostly single spaces (this is the hottest line of a snapshot ingest).
  return plain.replace(/ \s+|[^\S ]\s*/g, " ").trim();
}

/** Whether a string holds what neither database stores as given: a control character or half a surrogate pair. */
export function unstorableText(text: string): "a control character" | "a broken Unicode character" | null {
  if (!SUSPECT.test(text)) return null;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return "a control character";
  return LONE_SURROGATE.test(text) ? "a broken Unicode character" : null;
}

/** A value from the source for a message: quoted, escaped and cut short, so a reason stays one readable line. */
export function shown(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/**
 * A list of names as one string ("A. One, B. Two and C. Three") as names, white space
 * collapsed first: `\s+and\s+` on the raw text would backtrack quadratically on long runs of
 * white space.
 */
export function splitAuthorList(names: string): string[] {
  return collapseWhitespace(names)
    .split(/, ?| and /)
    .map((name) => name.trim());
}

/** A date from an ISO 8601 or RFC 2822 string, or null when it is not one. */
export function parseDate(text: unknown): Date | null {
  if (typeof text !== "string" || !text.trim()) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A Date for the paper schema to check: missing stays undefined, unparseable becomes an invalid Date. */
export function dateOrInvalid(value: unknown): Date | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return parseDate(value) ?? new Date(Number.NaN);
}
