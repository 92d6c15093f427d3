import type { ClientBase } from "pg";
import { filterSql, ORDER, type EngineQuery, type Matches, type SearchFilters } from "../../search/sql-parts";
import { postgresTsquery } from "./search-tsquery";
import type { IndexWords, SearchPlan, Strategy } from "./search-plan";

// ts_rank's weights for D, C, B, A: abstract (C) 0.2, authors (B) 0.5, title (A) 1.0.
const WEIGHTS = `'{0.1, 0.2, 0.5, 1.0}'`;
const RANK_VALUE = `ts_rank(${WEIGHTS}, c."search", c.match)`;
const RANK = `${RANK_VALUE} AS relevance`;
const COLUMNS = `p."id" AS id, p."publishedAt" AS published, (p."importedUpvotes" + p."localUpvotes") AS upvotes, p."search"`;

/** Answers a search by the first of the plan's strategies that holds (lib/db/postgres/search-plan.ts). */
export async function runPlan(client: ClientBase, query: EngineQuery, plan: SearchPlan): Promise<Matches> {
  for (const strategy of plan.strategies) {
    const found = await run(client, new Statement(query, plan, "index" in strategy ? strategy : null), strategy);
    if (found) return plan.commonWords.length > 0 ? { ...found, commonWords: plan.commonWords } : found;
  }
  throw new Error("No strategy of the search plan answered.");
}

/** A statement's parameters as it is written: the query's tsqueries, filters and page. */
class Statement {
  readonly params: unknown[] = [];
  /**
   * The one-row `q`: `index`, the tsquery GIN finds candidates by, and `match`, the one a match
   * satisfies. Materialized, so each is made once, not again for every paper a filter tests.
   */
  readonly with: string;

  constructor(
    readonly query: EngineQuery,
    readonly plan: SearchPlan,
    words: IndexWords | null,
  ) {
    const index = words ? postgresTsquery({ positive: words.index, negative: [] }, this.params) : null;
    const match = plan.match ? postgresTsquery(plan.match, this.params) : null;
    this.with = `WITH q AS MATERIALIZED (SELECT ${index ?? "NULL::tsquery"} AS index, ${match ?? "NULL::tsquery"} AS match)`;
  }

  value(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** `AND …` clauses for these filters over Paper `p`. */
  where(filters: SearchFilters): string {
    // timestamp(3) holds UTC and ignores a zone in its input: UTC text is the instant whatever the process's zone.
    return filterSql(
      filters,
      this.params,
      (at) => `$${at}`,
      (date) => date.toISOString(),
    );
  }

  /** The page of the ranked rows `c` (those `filter` keeps), in the requested order, as one array. */
  page(filter = ""): string {
    return `(array_agg(c.id ORDER BY ${ORDER[this.query.sort]})${filter})[${this.value(this.query.offset + 1)}:${this.value(this.query.offset + this.query.limit)}]`;
  }
}

function run(client: ClientBase, statement: Statement, strategy: Strategy): Promise<Matches | null> {
  switch (strategy.kind) {
    case "exact":
      return exact(client, statement, strategy);
    case "walk":
      return walk(client, statement, strategy.rows, strategy.window);
    case "slice":
      return slice(client, statement, strategy);
  }
}

/**
 * Every candidate the index finds, checked when the index words are not the whole query, and
 * ranked: the exact order and count. Null when there were `cap` candidates or more (the plan
 * expected fewer, taking the words as independent): another strategy answers.
 */
async function exact(client: ClientBase, statement: Statement, { cap, recheck }: Extract<Strategy, { kind: "exact" }>): Promise<Matches | null> {
  const { query } = statement;
  const where = statement.where(query.filters);
  // The function form of @@ keeps the planner from handing these terms to the GIN scan as well.
  const hit = recheck ? `ts_match_vq(c."search", c.match)` : "true";
  const limit = statement.value(cap);
  // Only the matches are ranked; the candidates are all counted, to tell whether there were more.
  const { rows } = await client.query<{ seen: number; total: number; ids: string[] | null }>(
    `${statement.with} SELECT count(*)::int AS seen, count(*) FILTER (WHERE c.hit)::int AS total, ${statement.page(" FILTER (WHERE c.hit)")} AS ids
     FROM (SELECT c.*, CASE WHEN c.hit THEN ${RANK_VALUE} END AS relevance FROM (SELECT c.*, ${hit} AS hit FROM (SELECT ${COLUMNS}, q.match
           FROM "Paper" p, q WHERE p."search" @@ q.index AND NOT p."hidden"${where} LIMIT ${limit}) c) c) c`,
    statement.params,
  );
  const { seen, total, ids } = rows[0]!;
  return seen >= cap ? null : { ids: ids ?? [], total, totalIsLowerBound: false };
}

/**
 * The newest papers within the dates, at most `most`, each checked until `window` match, the
 * matches ranked. The subquery's LIMIT keeps the planner on the publishedAt index walked back;
 * the category is tested on those papers before their tsvectors are.
 */
async function walk(client: ClientBase, statement: Statement, most: number, window: number): Promise<Matches> {
  const { query, plan } = statement;
  const inDates = statement.where({ from: query.filters.from, before: query.filters.before });
  const inCategory = statement.where({ category: query.filters.category });
  const test = plan.match ? ` AND p."search" @@ q.match` : "";
  const { rows } = await client.query<{ matched: number; ids: string[] | null }>(
    `${statement.with} SELECT count(*)::int AS matched, ${statement.page()} AS ids
     FROM (SELECT c.*, ${RANK} FROM (SELECT p.id, p.published, p.upvotes, p."search", q.match
           FROM (SELECT ${COLUMNS}, p."categories" FROM "Paper" p WHERE NOT p."hidden"${inDates} ORDER BY p."publishedAt" DESC LIMIT ${statement.value(most)}) p, q
           WHERE true${inCategory}${test} LIMIT ${statement.value(window)}) c) c`,
    statement.params,
  );
  const { matched, ids } = rows[0]!;
  // A window not filled holds every match, unless the range has more papers than were checked.
  const moreExist = matched === window || (await rangeIsLonger(client, query.filters, most));
  return { ids: ids ?? [], total: matched, totalIsLowerBound: moreExist };
}

/**
 * The index's candidates published since the slice's start, checked, the newest `window` of the
 * matches ranked; their count is exact when the slice reaches back past the filters' start.
 */
async function slice(client: ClientBase, statement: Statement, { since, window, complete, recheck }: Extract<Strategy, { kind: "slice" }>): Promise<Matches> {
  const { query } = statement;
  const where = statement.where({ ...query.filters, from: since ?? query.filters.from });
  const test = recheck ? ` AND ts_match_vq(p."search", q.match)` : "";
  // The newest are taken by date first, then ranked, their tsvectors read again by row address:
  // ranking every match, or carrying each ~2 KB tsvector through the sort, costs more.
  const { rows } = await client.query<{ matched: number | null; ids: string[] | null }>(
    `${statement.with} SELECT max(c.matched)::int AS matched, ${statement.page()} AS ids
     FROM (SELECT c.id, c.published, c.upvotes, c.matched, ts_rank(${WEIGHTS}, r."search", q.match) AS relevance
           FROM (SELECT p.ctid AS row, p."id" AS id, p."publishedAt" AS published, (p."importedUpvotes" + p."localUpvotes") AS upvotes,
                   count(*) OVER () AS matched
                 FROM "Paper" p, q WHERE p."search" @@ q.index AND NOT p."hidden"${where}${test}
                 ORDER BY p."publishedAt" DESC LIMIT ${statement.value(window)}) c
           JOIN "Paper" r ON r.ctid = c.row, q) c`,
    statement.params,
  );
  const { matched, ids } = rows[0]!;
  return { ids: ids ?? [], total: matched ?? 0, totalIsLowerBound: !complete };
}

/** Whether the filters' dates hold more visible papers than `checked`. */
async function rangeIsLonger(client: ClientBase, filters: SearchFilters, checked: number): Promise<boolean> {
  const params: unknown[] = [];
  const where = filterSql(
    { from: filters.from, before: filters.before },
    params,
    (at) => `$${at}`,
    (date) => date.toISOString(),
  );
  params.push(checked);
  const { rowCount } = await client.query(
    `SELECT 1 FROM "Paper" p WHERE NOT p."hidden"${where} ORDER BY p."publishedAt" DESC OFFSET $${params.length} LIMIT 1`,
    params,
  );
  return (rowCount ?? 0) > 0;
}
