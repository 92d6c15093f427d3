import type { ParsedQuery, SearchTerm } from "../../search/query";

// Tokens are letters and digits only (searchTokens), so quoting them is all FTS5 needs.
const ftsTerm = (term: SearchTerm) =>
  term.completions ? `(${term.completions.map((word) => `"${word}"`).join(" OR ")})` : `"${term.tokens.join(" ")}"${term.prefix ? "*" : ""}`;

/** The FTS5 MATCH expression for a parsed query, or null when nothing positive is asked for. */
export function toFts5Match(query: ParsedQuery): string | null {
  if (query.positive.length === 0) return null;
  let expression = query.positive.map(ftsTerm).join(" AND ");
  for (const term of query.negative) expression = `(${expression}) NOT ${ftsTerm(term)}`;
  return expression;
}
