import { paperInputSchema, type PaperInput } from "../papers/schema";
import { unstorableText } from "./normalize";
import { titleKey } from "../papers/identity";

export const FORMATS = ["hf-page-text", "hf-daily-json", "arxiv-atom", "arxiv-jsonl", "feed"] as const;
export type FormatName = (typeof FORMATS)[number];

/** One record of a source: a paper ready for the database, or the reason it was rejected. */
export type ParsedRecord = { at: string; paper: PaperInput } | { at: string; error: string };

/** Where a record is in its source, for messages: "line 12", "entry 3", "item 2". */
export type RecordPlace = string;

// Both databases store counts in 32-bit integer columns: a larger count would fail the batch.
const INT32_MAX = 2_147_483_647;
// PostgreSQL's B-tree takes an index entry of at most 2,704 bytes: a longer title key (2,000
// CJK characters are 6,000 bytes) would fail the whole batch, on one database and not the other.
const MAX_TITLE_KEY_BYTES = 2_400;

/**
 * Validates what a parser read against the one paper contract. Parsers hand over plain values
 * and let this say what is wrong, so every format words its rejections alike.
 */
export function toRecord(at: RecordPlace, candidate: Partial<Record<keyof PaperInput, unknown>>): ParsedRecord {
  const parsed = paperInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => {
      const field = issue.path.join(".");
      return field ? `${field} ${issue.message}` : issue.message;
    });
    return rejected(at, [...new Set(reasons)].join("; "));
  }
  const problem = unstorable(parsed.data);
  return problem ? rejected(at, problem) : { at, paper: parsed.data };
}

/** What the schema lets through but a database would refuse or change: the paper must go in as read. */
function unstorable(paper: PaperInput): string | null {
  if (paper.authorCount > INT32_MAX) return "authorCount is too large";
  if (paper.upvotes !== undefined && paper.upvotes > INT32_MAX) return "upvotes is too large";
  // An ASCII title's key is at most its 2,000 characters; only other titles can be longer in
  // UTF-8 (NFKD makes up to 18 characters of one, each up to 3 bytes), so only they are measured.
  if (paper.title.length > 44 && /[^\u0000-\u007f]/.test(paper.title) && Buffer.byteLength(titleKey(paper.title)) > MAX_TITLE_KEY_BYTES) {
    return "title is too long to index (over 2,400 bytes without case, accents and punctuation)";
  }
  const texts: Array<[string, string | null | undefined]> = [
    ["arxivId", paper.arxivId],
    ["title", paper.title],
    ["abstract", paper.abstract],
    ["pdfUrl", paper.pdfUrl],
    ["codeUrl", paper.codeUrl],
    ["projectUrl", paper.projectUrl],
    ["thumbnailUrl", paper.thumbnailUrl],
    ["sourceSubmitter", paper.sourceSubmitter],
    ...paper.authors.map((name, index): [string, string] => [`authors.${index}`, name]),
    ...paper.categories.map((category, index): [string, string] => [`categories.${index}`, category]),
  ];
  for (const [field, text] of texts) {
    const what = text ? unstorableText(text) : null;
    if (what) return `${field} has ${what}`;
  }
  return null;
}

// A reason is one line of a summary: bounded, and free of control characters from the source.
const MAX_REASON = 500;

export function rejected(at: RecordPlace, error: string): ParsedRecord {
  const line = error.replace(/[\u0000-\u001f\u007f]+/g, " ");
  return { at, error: line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line };
}
