import BetterSqlite3 from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toFts5Match } from "../../lib/db/sqlite/fts5";
import { parseSearchQuery } from "../../lib/search/query";
import { MATCH_BUDGET, matchPlan } from "../../lib/db/sqlite/search";

// A million papers' vocabulary, as SearchTerm holds it (stems and how many papers hold each): the
// plan reads nothing else.
const PAPERS = 1_000_000;
const VOCABULARY: Record<string, number> = {
  the: 1_000_000,
  of: 990_000,
  and: 960_000,
  a: 890_000,
  in: 840_000,
  network: 780_000,
  model: 730_000,
  deep: 560_000,
  learn: 440_000,
  graph: 90_000,
  neural: 150_000,
  attent: 120_000,
  sparse: 20_000,
  mamba: 300,
  kolmogorov: 40,
  state: 100_000,
  art: 50_000,
  // "comp…": a long prefix with many completions, some of them not whole stems.
  comput: 300_000,
  compar: 200_000,
  complex: 150_000,
  compon: 90_000,
  compress: 40_000,
  compos: 30_000,
  compet: 20_000,
  compil: 10_000,
  compat: 9_000,
  comprehens: 8_000,
  // "tra…": a 3-letter prefix (FTS5 has a prefix index for those).
  train: 520_000,
  transform: 210_000,
  track: 30_000,
  // "zyx…": completions that are no whole stem (FTS5 would stem them again).
  zyxies: 200_000,
};

describe("the SQLite match plan (what a query must match, within a budget)", () => {
  let connection: BetterSqlite3.Database;
  beforeAll(() => {
    connection = new BetterSqlite3(":memory:");
    connection.exec(`CREATE TABLE "SearchTerm" (term TEXT PRIMARY KEY, docs INTEGER NOT NULL); CREATE TABLE "Paper" (x);`);
    connection.prepare(`INSERT INTO "Paper" (rowid, x) VALUES (?, 0)`).run(PAPERS);
    const insert = connection.prepare(`INSERT INTO "SearchTerm" (term, docs) VALUES (?, ?)`);
    for (const [term, docs] of Object.entries(VOCABULARY)) insert.run(term, docs);
  });
  afterAll(() => connection.close());

  const plan = (q: string) => {
    const result = matchPlan(connection, parseSearchQuery(q));
    return { match: toFts5Match(result.parsed), left: result.left, postings: result.postings };
  };

  it("matches rare words and leaves the common ones out, reporting them", () => {
    expect(plan("the mamba of a model ")).toEqual({ match: '"mamba"', left: ["the", "of", "a", "model"], postings: 300 });
    expect(plan("graph neural attention ")).toMatchObject({ match: '"graph" AND "attention" AND "neural"', left: [] });
  });

  it("keeps common words that together are in many papers, a few at most", () => {
    expect(plan("deep learning ")).toMatchObject({ match: '"learning" AND "deep"', left: [] });
    const common = plan("the of and a in network model deep learning ");
    expect(common.match).toBe('"learning" AND "deep" AND "model" AND "network" AND "in"');
    expect(common.left).toEqual(["the", "of", "and", "a"]);
  });

  it("matches a costly phrase by its longest affordable run of words, or its rarest word", () => {
    expect(plan('"sparse attention graph neural networks state"')).toMatchObject({ match: '"sparse attention graph neural"', left: ["networks", "state"] });
    expect(plan('"state of the art"')).toMatchObject({ match: '"art"', left: ["state", "of", "the"] });
    // A costly phrase after the budget is spent on rarer terms is left out whole.
    expect(plan('graph neural attention "deep network model" ')).toMatchObject({
      match: '"graph" AND "attention" AND "neural"',
      left: ["deep", "network", "model"],
    });
  });

  it("applies exclusions while they fit in the budget", () => {
    expect(plan("graph -sparse -the -network ")).toMatchObject({ match: '("graph") NOT "sparse"', left: ["the", "network"] });
  });

  it("matches a long, costly prefix as its most common whole-stem completions; a 3-letter one through the prefix index", () => {
    // "compos" is left out: FTS5 would stem it again, to "compo".
    expect(plan("comp").match).toBe('("comput" OR "compar" OR "complex" OR "compon" OR "compress" OR "compet" OR "compil" OR "compat")');
    expect(plan("compre").match).toBe('"compre"*');
    expect(plan("tra").match).toBe('"tra"*');
    // No completion is a whole stem: the word is matched as typed.
    expect(plan("zyxi").match).toBe('"zyxi"');
  });

  it("bounds what any query may read: the budget, plus the rarest term and a few dense common words", () => {
    const words = Object.keys(VOCABULARY);
    const query = fc.array(
      fc.oneof(
        fc.constantFrom(...words),
        fc.constantFrom(...words).map((word) => `-${word}`),
        fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 6 }).map((phrase) => `"${phrase.join(" ")}"`),
        fc.constantFrom("comp", "tra", "zyx", "mamb"),
      ),
      { minLength: 1, maxLength: 14 },
    );
    fc.assert(
      fc.property(query, fc.boolean(), (terms, open) => {
        const q = `${terms.join(" ")}${open ? "" : " "}`.slice(0, 250);
        const result = matchPlan(connection, parseSearchQuery(q));
        expect(result.postings).toBeLessThanOrEqual(MATCH_BUDGET + 5 * PAPERS);
        const required = [...result.parsed.positive, ...result.parsed.negative].reduce((sum, term) => sum + term.tokens.length, 0);
        expect(required).toBeLessThanOrEqual(12);
      }),
      { numRuns: 1_000 },
    );
  });
});
