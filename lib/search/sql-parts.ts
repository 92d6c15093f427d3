import type { ParsedQuery } from "./query";

export type SearchSort = "relevance" | "upvotes" | "newest";
export type SearchFilters = { from?: Date; before?: Date; category?: string };
export type EngineQuery = { parsed: ParsedQuery; filters: SearchFilters; sort: SearchSort; limit: number; offset: number };
/**
 * A page of paper ids, best first, and how many papers match (at least, when `totalIsLowerBound`).
 * `commonWords`: words of the query in so many papers that they were not required to match (or,
 * excluded, not applied), when there were any.
 */
export type Matches = { ids: string[]; total: number; totalIsLowerBound: boolean; commonWords?: string[] };

/** Both dialects blend relevance with upvotes multiplicatively: score = relevance × (1 + 0.1 × ln(1 + upvotes)). */
export const ORDER: Record<SearchSort, string> = {
  relevance: "relevance * (1 + 0.1 * ln(1 + upvotes)) DESC, published DESC, id",
  upvotes: "upvotes DESC, relevance DESC, id",
  newest: "published DESC, relevance DESC, id",
};

/** The date and category filters as `AND …` clauses over Paper `p`, their values appended to `params`. */
export function filterSql(filters: SearchFilters, params: unknown[], placeholder: (index: number) => string, date: (value: Date) => unknown): string {
  const parts: string[] = [];
  const add = (clause: (slot: string) => string, value: unknown) => {
    params.push(value);
    parts.push(clause(placeholder(params.length)));
  };
  if (filters.from) add((slot) => `p."publishedAt" >= ${slot}`, date(filters.from));
  if (filters.before) add((slot) => `p."publishedAt" < ${slot}`, date(filters.before));
  // categories is a JSON list: the quotes make "cs.CL" not match "cs.CLX".
  if (filters.category) add((slot) => `p."categories" LIKE ${slot}`, `%"${filters.category}"%`);
  return parts.map((part) => ` AND ${part}`).join("");
}
