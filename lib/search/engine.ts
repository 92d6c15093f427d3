import type { Database } from "../db/database";
import type { ParsedQuery, SearchTerm } from "./query";
import { filterSql, ORDER, type EngineQuery, type Matches } from "./sql-parts";
import { sqliteMatchPaperIds } from "./sqlite-search";

export type { EngineQuery, Matches, SearchFilters, SearchSort } from "./sql-parts";

/**
 * The one place search speaks SQL, one dialect per database: SQLite FTS5 with bm25 (title 10,
 * authors 5, abstract 1; lib/search/sqlite-search.ts), PostgreSQL tsvector with ts_rank (title
 * 1.0, authors 0.5, abstract 0.2). Both blend relevance lightly with upvotes (ORDER). Hidden
 * papers never match.
 */
export async function matchPaperIds(db: Database, query: EngineQuery): Promise<Matches> {
  if (db.provider === "sqlite") return sqliteMatchPaperIds(db, query);
  const sql = postgresSearch(query);
  if (!sql) return { ids: [], total: 0, totalIsLowerBound: false };
  const [rows, counts] = await Promise.all([
    db.prisma.$queryRawUnsafe<Array<{ id: string }>>(sql.page, ...sql.params, query.limit, query.offset),
    db.prisma.$queryRawUnsafe<Array<{ total: bigint | number }>>(sql.count, ...sql.params),
  ]);
  return { ids: rows.map((row) => row.id), total: Number(counts[0]?.total ?? 0), totalIsLowerBound: false };
}

type Sql = { page: string; count: string; params: unknown[] };

/** A tsquery built from parameters only: each term goes through a tsquery constructor. */
export function postgresTsquery(parsed: ParsedQuery, params: unknown[]): string | null {
  if (parsed.positive.length === 0) return null;
  const slot = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  const term = (item: SearchTerm) => {
    const words = item.prefix ? item.tokens.slice(0, -1) : item.tokens;
    // Tokens are letters and digits only, so ':*' after one is a well-formed prefix lexeme.
    const prefix = item.prefix ? `to_tsquery('english', unaccent(${slot(`${item.tokens.at(-1)}:*`)}))` : null;
    const phrase = words.length > 0 ? `phraseto_tsquery('english', unaccent(${slot(words.join(" "))}))` : null;
    return phrase && prefix ? `(${phrase} <-> ${prefix})` : (phrase ?? prefix)!;
  };
  return [...parsed.positive.map(term), ...parsed.negative.map((item) => `!!${term(item)}`)].join(" && ");
}

function postgresSearch(query: EngineQuery): Sql | null {
  const params: unknown[] = [];
  const tsquery = postgresTsquery(query.parsed, params);
  if (!tsquery) return null;
  const filters = filterSql(query.filters, params, (index) => `$${index}`, (value) => value);
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

/**
 * Papers sharing the most distinctive of the given index terms (stems, letters only), best
 * first, never the paper itself.
 */
export async function relatedPaperIds(db: Database, options: { terms: string[]; excludeId: string; limit: number }): Promise<string[]> {
  const terms = options.terms.filter((term) => /^\p{L}+$/u.test(term));
  if (terms.length === 0) return [];
  const rows =
    db.provider === "sqlite"
      ? await db.prisma.$queryRawUnsafe<Array<{ id: string }>>(
          `SELECT p."id" AS id FROM "paper_fts" CROSS JOIN "Paper" p ON p.rowid = "paper_fts".rowid
           WHERE "paper_fts" MATCH ? AND p."id" <> ? AND p."hidden" = 0
           ORDER BY bm25("paper_fts", 10.0, 5.0, 1.0) LIMIT ?`,
          terms.map((term) => `"${term}"`).join(" OR "),
          options.excludeId,
          options.limit,
        )
      : await db.prisma.$queryRawUnsafe<Array<{ id: string }>>(
          // The terms are already index lexemes: 'simple' keeps them as they are.
          `SELECT p."id" AS id FROM "Paper" p, to_tsquery('simple', $1) q
           WHERE p."search" @@ q AND p."id" <> $2 AND NOT p."hidden"
           ORDER BY ts_rank('{0.1, 0.2, 0.5, 1.0}', p."search", q) DESC LIMIT $3`,
          terms.join(" | "),
          options.excludeId,
          options.limit,
        );
  return rows.map((row) => row.id);
}
