import { paperInputSchema, type PaperInput } from "../papers/schema";

export const FORMATS = ["hf-page-text", "hf-daily-json", "arxiv-atom", "arxiv-jsonl", "feed"] as const;
export type FormatName = (typeof FORMATS)[number];

/** One record of a source: a paper ready for the database, or the reason it was rejected. */
export type ParsedRecord = { at: string; paper: PaperInput } | { at: string; error: string };

/** Where a record is in its source, for messages: "line 12", "entry 3", "item 2". */
export type RecordPlace = string;

/**
 * Validates what a parser read against the one paper contract. Parsers hand over plain values
 * and let this say what is wrong, so every format words its rejections alike.
 */
export function toRecord(at: RecordPlace, candidate: Partial<Record<keyof PaperInput, unknown>>): ParsedRecord {
  const parsed = paperInputSchema.safeParse(candidate);
  if (parsed.success) return { at, paper: parsed.data };
  const reasons = parsed.error.issues.map((issue) => {
    const field = issue.path.join(".");
    return field ? `${field} ${issue.message}` : issue.message;
  });
  return { at, error: [...new Set(reasons)].join("; ") };
}

export function rejected(at: RecordPlace, error: string): ParsedRecord {
  return { at, error };
}
