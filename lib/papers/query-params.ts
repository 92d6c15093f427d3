import { z } from "zod";
import { FEED_SORTS } from "./queries";
import { parsePeriod, PERIOD_FORMATS, type PeriodKind } from "./period";

const periodParam = (kind: PeriodKind) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      const period = parsePeriod(kind, value);
      if (!period) context.addIssue({ code: "custom", message: `"${value}" is not a ${kind} written ${PERIOD_FORMATS[kind]}` });
      return period ?? undefined;
    });

const intParam = (name: string, { min, max, fallback }: { min: number; max: number; fallback: number }) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === "") return fallback;
      const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(number) || number < min || number > max) {
        context.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}, not "${value}"` });
      }
      return number;
    });

/** GET /api/daily_papers: at most one of date, week, month; p is 0-based. */
export const dailyPapersQuerySchema = z
  .object({
    date: periodParam("day"),
    week: periodParam("week"),
    month: periodParam("month"),
    p: intParam("p", { min: 0, max: 100_000, fallback: 0 }),
    limit: intParam("limit", { min: 1, max: 100, fallback: 50 }),
    // Hugging Face's own client (huggingface_hub's list_daily_papers) names newest first "publishedAt".
    sort: z
      .preprocess(
        (value) => (value === "publishedAt" ? "newest" : value),
        // for-you: the signed-in reader's own order (lib/recs/for-you-response.ts).
        z.enum([...FEED_SORTS, "for-you"], { error: `sort must be one of ${FEED_SORTS.join(", ")}, for-you (or publishedAt)` }),
      )
      .optional(),
    submitter: z.string().min(1, "submitter must not be empty").max(100, "submitter is at most 100 characters").optional(),
  })
  .refine((query) => [query.date, query.week, query.month].filter(Boolean).length <= 1, {
    message: "give at most one of date, week and month",
  });

/** GET /api/papers */
export const paperListQuerySchema = z.object({
  limit: intParam("limit", { min: 1, max: 500, fallback: 100 }),
  cursor: z.string().max(2_000, "cursor is too long").optional(),
});

/** A URLSearchParams as a plain object (first value of each name) for a Zod schema. */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [name, value] of params) object[name] ??= value;
  return object;
}
