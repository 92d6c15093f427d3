import { z } from "zod";

/** The day a date falls on, as midnight UTC: every date the app stores is a UTC day. */
export function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

const ONE_DAY_MS = 86_400_000;

// Every message is a predicate: the record reader puts the field's name in front of it.
const utcDaySchema = z
  .date({ error: (issue) => (issue.input === undefined ? "is missing" : "is not a valid date") })
  .refine((date) => !Number.isNaN(date.getTime()), "is not a valid date")
  .refine((date) => date.getUTCFullYear() >= 1900, "is before 1900")
  // A day of slack for time zones: a source dated "tomorrow" in UTC+14 is still today somewhere.
  .refine((date) => date.getTime() <= Date.now() + 2 * ONE_DAY_MS, "is in the future")
  .transform(utcDay);

const urlSchema = z.url({ protocol: /^https?$/, error: "is not an http(s) URL" });

/**
 * A paper as every source format is reduced to before it reaches the database: the one contract
 * between parsers and ingest. Optional fields are what some sources do not know; ingest keeps
 * the stored value for them instead of blanking it.
 */
export const paperInputSchema = z
  .object({
    arxivId: z.string().nullable(),
    title: z.string({ error: "is missing" }).min(1, "is empty").max(2_000, "is over 2,000 characters"),
    abstract: z.string({ error: "is missing" }).max(100_000, "is over 100,000 characters"),
    authors: z.array(z.string().min(1, "has an empty name"), { error: "is not a list of names" }).max(10_000),
    authorCount: z.number({ error: "is missing" }).int("is not a whole number").min(0, "cannot be negative"),
    publishedAt: utcDaySchema,
    /** The source's own feed day, when it has one (Hugging Face's daily lists do). */
    feedDate: utcDaySchema.optional(),
    /** Upvotes from the source; undefined when the source has no upvotes at all (arXiv). */
    upvotes: z.number({ error: "is not a number" }).int("is not a whole number").min(0, "cannot be negative").optional(),
    categories: z.array(z.string().min(1, "has an empty category")),
    pdfUrl: urlSchema.optional(),
    codeUrl: urlSchema.optional(),
    projectUrl: urlSchema.optional(),
    thumbnailUrl: urlSchema.optional(),
    /** Who put the paper in the source's daily list (Hugging Face's submittedBy), by display name. */
    sourceSubmitter: z.string().min(1, "is empty").max(200, "is over 200 characters").optional(),
  })
  .refine((paper) => paper.authorCount >= paper.authors.length, {
    message: "is smaller than the number of names",
    path: ["authorCount"],
  });

export type PaperInput = z.infer<typeof paperInputSchema>;
