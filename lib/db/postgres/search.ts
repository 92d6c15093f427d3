import type { Pool } from "pg";
import type { ParsedQuery, SearchTerm } from "../../search/query";
import { filterSql, ORDER, type EngineQuery, type Matches } from "../../search/sql-parts";

/**
 * Search on PostgreSQL: the stored weighted tsvector "search" (title A, authors B, abstract C;
 * prisma/postgres/migrations/*_search) under a GIN index, ranked by ts_rank (title 1.0, authors
 * 0.5, abstract 0.2) blended lightly with upvotes (ORDER). Hidden papers never match.
 */
export async function postgresMatchPaperIds(pool: Pool, query: EngineQuery): Promise<Matches> {
  const sql = postgresSearch(query);
  if (!sql) return { ids: [], total: 0, totalIsLowerBound: false };
  const [rows, counts] = await Promise.all([
    pool.query<{ id: string }>(sql.page, [...sql.params, query.limit, query.offset]),
    pool.query<{ total: string }>(sql.count, sql.params),
  ]);
  return { ids: rows.rows.map((row) => row.id), total: Number(counts.rows[0]?.total ?? 0), totalIsLowerBound: false };
}

type Sql = { page: string; count: string; params: unknown[] };

/**
 * A tsquery built from parameters only, never by parsing tsquery syntax out of what a person
 * typed. unaccent() turns some letters into syntax (U+02BC "ʼ" into an apostrophe, "ː" into a
 * colon), so its output only reaches phraseto_tsquery, which reads plain text and re-tokenizes it
 * with the index's own parser. A prefix is marked on that query's canonical text (each lexeme
 * quoted and escaped by PostgreSQL itself), and only when the text ends with a quoted lexeme;
 * when it does not (a stop word: an empty query), the term is taken as it is.
 */
export function postgresTsquery(parsed: ParsedQuery, params: unknown[]): string | null {
  if (parsed.positive.length === 0) return null;
  const slot = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  const words = (tokens: string[]) => `phraseto_tsquery('english', unaccent(${slot(tokens.join(" "))}))`;
  const term = (item: SearchTerm) => {
    if (!item.prefix) return words(item.tokens);
    const last = words(item.tokens.slice(-1));
    const prefix = `(SELECT CASE WHEN lexemes::text ~ '''$' THEN (lexemes::text || ':*')::tsquery ELSE lexemes END FROM ${last} lexemes)`;
    return item.tokens.length > 1 ? `(${words(item.tokens.slice(0, -1))} <-> ${prefix})` : prefix;
  };
  return [...parsed.positive.map(term), ...parsed.negative.map((item) => `!!${term(item)}`)].join(" && ");
}

function postgresSearch(query: EngineQuery): Sql | null {
  const params: unknown[] = [];
  const tsquery = postgresTsquery(query.parsed, params);
  if (!tsquery) return null;
  const filters = filterSql(
    query.filters,
    params,
    (index) => `$${index}`,
    (value) => value,
  );
  const hits = `SELECT p."id" AS id, p."publishedAt" AS published, (p."importedUpvotes" + p."localUpvotes") AS upvotes,
      ts_rank('{0.1, 0.2, 0.5, 1.0}', p."search", q.query) AS relevance
    FROM "Paper" p, (SELECT ${tsquery} AS query) q
    WHERE p."search" @@ q.query AND NOT p."hidden"${filters}`;
  const next = params.length;
  return {
    page: `SELECT id FROM (${hits}) hits ORDER BY ${ORDER[query.sort]} LIMIT $${next + 1} OFFSET $${next + 2}`,
    count: `SELECT count(*) AS total FROM (${hits}) hits`,
    params,
  };
}

/** Papers sharing the most of these index terms (letters only), best first, never `excludeId`. */
export async function postgresRelatedPaperIds(pool: Pool, input: { terms: string[]; excludeId: string; limit: number }): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    // The terms are already index lexemes: 'simple' keeps them as they are.
    `SELECT p."id" AS id FROM "Paper" p, to_tsquery('simple', $1) q
     WHERE p."search" @@ q AND p."id" <> $2 AND NOT p."hidden"
     ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', p."search", q) DESC LIMIT $3`,
    [input.terms.join(" | "), input.excludeId, input.limit],
  );
  return rows.map((row) => row.id);
}
