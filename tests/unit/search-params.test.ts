import { describe, expect, it } from "vitest";
import { searchParamsSchema } from "../../lib/search/params";

const schema = searchParamsSchema({ maxLimit: 120, defaultLimit: 20 });
const messages = (input: Record<string, string>) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("search parameters", () => {
  it("accepts a search with its filters", () => {
    expect(schema.parse({ q: "mamba", from: "2024-01-01", to: "2024-01-31", category: "cs.CL", sort: "newest", p: "2", limit: "50" })).toMatchObject({
      q: "mamba",
      from: new Date("2024-01-01"),
      before: new Date("2024-02-01"),
      category: "cs.CL",
      sort: "newest",
      p: 2,
      limit: 50,
    });
  });

  it("says what is wrong with an over-long value without quoting all of it back", () => {
    expect(messages({ q: "x".repeat(251) })).toEqual(["a search is at most 250 characters; this one has 251"]);
    expect(messages({ from: "2024-01-01".repeat(1_000) })).toEqual(['from must be a day written YYYY-MM-DD, not "2024-01-012024-01-01…"']);
    expect(messages({ to: "2024-01-01 " })).toEqual(['to must be a day written YYYY-MM-DD, not "2024-01-01 "']);
    expect(messages({ category: `cs.${"A".repeat(100_000)}` })).toEqual(["category must be an arXiv category such as cs.CL"]);
    expect(messages({ p: "99999" })).toEqual(["p is at most 10000"]);
  });
});
