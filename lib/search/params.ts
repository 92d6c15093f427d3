import { z } from "zod";
import { isArxivCategory } from "../papers/identity";
import { parseIsoDay } from "../papers/period";
import { SEARCH_MAX_LENGTH } from "./query";

const SEARCH_SORTS = ["relevance", "upvotes", "newest"] as const;

// The longest value a message quotes back: a parameter can be as long as the address allows.
const QUOTED = 20;
const quoted = (value: string) => JSON.stringify(value.length > QUOTED ? `${value.slice(0, QUOTED)}…` : value);
// arXiv's longest category ("cond-mat.mes-hall", "physics.atm-clus") is under 20 characters.
const CATEGORY_MAX_LENGTH = 40;

const dayParam = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const day = value.length === 10 ? parseIsoDay(value) : null;
      if (!day) context.addIssue({ code: "custom", message: `${name} must be a day written YYYY-MM-DD, not ${quoted(value)}` });
      return day ?? undefined;
    });

/**
 * /search and GET /api/papers/search parameters. `to` is inclusive (the whole day); the schema
 * turns it into the exclusive `before` the engine takes.
 */
export function searchParamsSchema({ maxLimit, defaultLimit }: { maxLimit: number; defaultLimit: number }) {
  return z
    .object({
      q: z
        .string()
        .default("")
        .superRefine((q, context) => {
          if (q.length > SEARCH_MAX_LENGTH) {
            context.addIssue({ code: "custom", message: `a search is at most ${SEARCH_MAX_LENGTH} characters; this one has ${q.length}` });
          }
        }),
      from: dayParam("from"),
      to: dayParam("to"),
      category: z
        .string()
        .optional()
        .transform((value) => value || undefined)
        .refine((value) => value === undefined || (value.length <= CATEGORY_MAX_LENGTH && isArxivCategory(value)), {
          message: "category must be an arXiv category such as cs.CL",
        }),
      sort: z.enum(SEARCH_SORTS, { error: `sort must be one of ${SEARCH_SORTS.join(", ")}` }).default("relevance"),
      p: z.coerce
        .number({ error: "p must be a whole number" })
        .int("p must be a whole number")
        .min(0, "p cannot be negative")
        .max(10_000, "p is at most 10000")
        .default(0),
      limit: z.coerce
        .number({ error: "limit must be a whole number" })
        .int("limit must be a whole number")
        .min(1, `limit must be from 1 to ${maxLimit}`)
        .max(maxLimit, `limit must be from 1 to ${maxLimit}`)
        .default(defaultLimit),
    })
    .transform(({ to, ...rest }) => ({ ...rest, before: to ? new Date(to.getTime() + 86_400_000) : undefined }));
}
