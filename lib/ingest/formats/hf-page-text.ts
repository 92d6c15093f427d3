import { collapseWhitespace, shown } from "../normalize";
import { rejected, toRecord, type ParsedRecord } from "../record";

/**
 * The text of a Hugging Face Daily Papers page as a browser copies it. Each paper is
 *
 *     Title
 *     Abstract (one or more lines)
 *       • 10 authors
 *     ·
 *     Nov 21, 2023        <- publication date; "Mar 13 3" = this year's Mar 13 with 3 upvotes
 *
 * The page leaves out the year for dates in the year it was captured, so the year comes from
 * `asOf` (the capture date) or is assumed: the year after the latest year the page shows,
 * capped at the current year. The page's own date (the "Dec 12" under the header) is the feed day.
 * With `asOf`, a year-less date later than the capture day is taken as the year before.
 */
export type HfPageTextResult = { records: ParsedRecord[]; assumedYear: number | null };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// "Nov 21, 2023", "Mar 13 3", "Mar 21, 2024 1", "Dec 12" (September is sometimes "Sept").
const DATE_LINE = /^([A-Z][a-z]{2})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$/;
const AUTHORS_LINE = /^(?:•\s*)?(\d+) authors?$/;
const SEPARATOR = "·";
const HEADER_LINES = new Set([
  "new",
  "get trending papers in your email inbox!",
  "subscribe",
  "daily papers",
  "byak and the research community",
  "by ak and the research community",
]);

type DateLine = { month: number; day: number; year: number | null; upvotes: number | null };

function parseDateLine(line: string): DateLine | null {
  const match = DATE_LINE.exec(line);
  if (!match) return null;
  const month = MONTHS.indexOf(match[1]!.toLowerCase());
  if (month < 0) return null;
  return {
    month,
    day: Number(match[2]),
    year: match[3] ? Number(match[3]) : null,
    upvotes: match[4] ? Number(match[4]) : null,
  };
}

/** A real calendar day or null (Feb 30 is not one). */
function calendarDay(year: number, { month, day }: DateLine): Date | null {
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCMonth() === month && date.getUTCDate() === day ? date : null;
}

type Line = { number: number; text: string };

export function parseHfPageText(text: string, options: { asOf?: Date; now?: Date } = {}): HfPageTextResult {
  const lines: Line[] = text
    .replace(/^\uFEFF/, "")
    // Line breaks as Windows, Unix or classic Mac OS write them.
    .split(/\r\n?|\n/)
    .map((raw, index) => ({ number: index + 1, text: collapseWhitespace(raw) }))
    .filter((line) => line.text !== "");

  // Pass 1: cut the text into entries at each "N authors" line; what follows it is "·" and a date.
  type Entry = { body: Line[]; authors: Line; date?: Line; dateLine?: DateLine | null };
  const entries: Entry[] = [];
  let pending: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!AUTHORS_LINE.test(line.text)) {
      pending.push(line);
      continue;
    }
    const entry: Entry = { body: pending, authors: line };
    pending = [];
    let next = i + 1;
    if (lines[next]?.text === SEPARATOR) next++;
    const dateCandidate = lines[next];
    const dateLine = dateCandidate ? parseDateLine(dateCandidate.text) : null;
    if (dateCandidate && (dateLine || lines[next - 1]?.text === SEPARATOR)) {
      entry.date = dateCandidate;
      entry.dateLine = dateLine;
      i = next;
    } else {
      i = next - 1;
    }
    entries.push(entry);
  }

  // The header (and the page date in it) comes before the first title.
  let pageDate: DateLine | null = null;
  if (entries[0]) {
    const body = entries[0].body;
    while (body.length > 0) {
      const first = body[0]!.text;
      const asDate = parseDateLine(first);
      if (asDate && asDate.upvotes === null) pageDate = asDate;
      else if (!HEADER_LINES.has(first.toLowerCase())) break;
      body.shift();
    }
  }

  const explicitYears = entries.flatMap((entry) => (entry.dateLine?.year ? [entry.dateLine.year] : []));
  const needsYear = pageDate !== null || entries.some((entry) => entry.dateLine && entry.dateLine.year === null);
  const currentYear = (options.now ?? new Date()).getUTCFullYear();
  const captureYear = options.asOf?.getUTCFullYear() ?? (explicitYears.length > 0 ? Math.min(Math.max(...explicitYears) + 1, currentYear) : currentYear);
  const assumedYear = needsYear && !options.asOf ? captureYear : null;

  // A year-less date after the capture day cannot be in the capture year: it is the year before.
  const dayOf = (line: DateLine) => {
    const date = calendarDay(line.year ?? captureYear, line);
    if (date && line.year === null && options.asOf && date > options.asOf) return calendarDay(captureYear - 1, line);
    return date;
  };
  const feedDate = pageDate ? dayOf(pageDate) : null;
  const records: ParsedRecord[] = entries.map((entry) => {
    const at = `line ${entry.body[0]?.number ?? entry.authors.number}`;
    if (entry.body.length === 0) return rejected(at, "has no title before its author count");
    if (!entry.date) return rejected(`line ${entry.authors.number}`, "has no date line after its author count");
    if (!entry.dateLine) {
      return rejected(`line ${entry.date.number}`, `date ${shown(entry.date.text)} is not like "Nov 21, 2023" or "Mar 13 3"`);
    }
    const publishedAt = dayOf(entry.dateLine);
    if (!publishedAt) return rejected(`line ${entry.date.number}`, `date ${shown(entry.date.text)} is not a day of the calendar`);
    const [title, ...abstract] = entry.body;
    return toRecord(at, {
      arxivId: null,
      title: title!.text,
      abstract: abstract.map((line) => line.text).join("\n\n"),
      authors: [],
      authorCount: Number(AUTHORS_LINE.exec(entry.authors.text)![1]),
      publishedAt,
      feedDate: feedDate ?? undefined,
      upvotes: entry.dateLine.upvotes ?? 0,
      categories: [],
    });
  });

  const trailing = pending.filter((line) => !HEADER_LINES.has(line.text.toLowerCase()));
  if (trailing.length > 0) {
    records.push(rejected(`line ${trailing[0]!.number}`, "text after the last paper has no author count and date"));
  }
  return { records, assumedYear };
}
