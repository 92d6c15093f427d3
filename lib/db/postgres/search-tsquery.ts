import type { ParsedQuery, SearchTerm } from "../../search/query";

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
