import type { ClientBase } from "pg";
import type { ParsedQuery } from "../../search/query";
import { queryTokens, type SearchStats } from "./search-plan";

// A prefix's completions read to sum their papers; one with more is taken to be in every paper
// (a 3-letter prefix can have thousands of completions: "con" has 5,000 in 960k papers).
const COMPLETIONS_READ = 1_000;

/**
 * publishedAt's histogram (epoch milliseconds; null before the first ANALYZE) and the planner's
 * paper count it came with. ANALYZE rewrites both, so it is read again only when that count
 * changes: reading pg_stats costs more than the rest of the plan.
 */
export type DateHistogram = { reltuples: number; dates: number[] | null };

type Row = {
  reltuples: number;
  papers: number;
  tokens: Array<{ lexemes: number; lexeme: string | null; docs: number; survive: number | null; completions: number | null }>;
};

/**
 * What the plan needs: the papers (the planner's estimate, counted only on a table never
 * analyzed) and for each token of the query its lexemes as the index makes them (english
 * configuration, accents folded) with their paper counts from SearchTerm, for a prefix its last
 * lexeme's completions', in one statement; publishedAt's histogram when `known` is stale. The
 * vocabulary is ts_stat's over the stored tsvectors, so its terms are the index's own lexemes.
 */
export async function readSearchStats(
  client: ClientBase,
  parsed: ParsedQuery,
  known: DateHistogram | undefined,
): Promise<{ stats: SearchStats; histogram: DateHistogram }> {
  const tokens = queryTokens(parsed);
  const { rows } = await client.query<Row>({
    // Parsed once a connection: it is the same statement for every search.
    name: "daily-papers-search-stats",
    text: `WITH paper AS (
       SELECT c.reltuples, (CASE WHEN c.reltuples >= 0 THEN c.reltuples ELSE (SELECT count(*) FROM "Paper") END)::float8 AS n
       FROM pg_class c WHERE c.oid = '"Paper"'::regclass
     ), token AS (
       SELECT t.at, t.prefix, l.lexeme, l.position = max(l.position) OVER (PARTITION BY t.at) AS last
       FROM unnest($1::text[], $2::bool[]) WITH ORDINALITY AS t(token, prefix, at)
       LEFT JOIN LATERAL (SELECT v.lexeme, v.positions[1] AS position FROM unnest(to_tsvector('english', unaccent(t.token))) v) l ON true
     ), costed AS (
       SELECT token.at, token.lexeme, completions.survive, completions.count AS completions,
         CASE WHEN token.prefix AND token.last THEN completions.docs ELSE coalesce(s.docs, 0) END AS docs
       FROM token
       LEFT JOIN "SearchTerm" s ON s.term = token.lexeme
       LEFT JOIN LATERAL (
         -- How many completions, their papers, and the share of papers holding none (taken as independent).
         SELECT count(*) AS count, coalesce(sum(c.docs), 0)::float8 AS docs, exp(sum(ln(greatest(1 - c.docs / paper.n, 1e-9)))) AS survive
         FROM (SELECT docs FROM "SearchTerm" WHERE token.prefix AND token.last AND term >= token.lexeme AND term < token.lexeme || chr(1114111)
                 AND starts_with(term, token.lexeme) LIMIT ${COMPLETIONS_READ}) c, paper
       ) completions ON token.prefix AND token.last
     )
     SELECT paper.reltuples, paper.n AS papers,
       (SELECT json_agg(json_build_object('lexemes', count, 'lexeme', lexeme, 'docs', docs, 'survive', survive, 'completions', completions) ORDER BY at)
        FROM (SELECT at, count(lexeme) AS count, min(lexeme) AS lexeme, coalesce(min(docs), 0) AS docs, min(survive) AS survive, max(completions) AS completions
              FROM costed GROUP BY at) grouped) AS tokens
     FROM paper`,
    values: [tokens.map((token) => token.token), tokens.map((token) => token.prefix)],
  });
  const row = rows[0]!;
  const histogram = known?.reltuples === row.reltuples ? known : await readDateHistogram(client, row.reltuples);
  const papers = Math.max(1, row.papers);
  const stats: SearchStats = {
    papers: row.papers,
    dates: histogram.dates,
    tokens: (row.tokens ?? []).map(({ lexemes, lexeme, docs, survive, completions }) =>
      completions !== null && completions >= COMPLETIONS_READ
        ? { lexemes, lexeme, docs: Math.max(docs, papers), share: 1 }
        : { lexemes, lexeme, docs, share: Math.min(1, survive === null ? docs / papers : 1 - survive) },
    ),
  };
  return { stats, histogram };
}

async function readDateHistogram(client: ClientBase, reltuples: number): Promise<DateHistogram> {
  const { rows } = await client.query<{ dates: number[] | null }>(
    `SELECT array_agg((extract(epoch FROM b) * 1000)::float8 ORDER BY b) AS dates FROM pg_stats st, unnest(st.histogram_bounds::text::timestamp[]) b
     WHERE st.schemaname = current_schema() AND st.tablename = 'Paper' AND st.attname = 'publishedAt'`,
  );
  const dates = rows[0]?.dates ?? null;
  return { reltuples, dates: dates && dates.length > 1 ? dates : null };
}
