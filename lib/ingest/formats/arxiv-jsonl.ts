import { collapseWhitespace, dateOrInvalid, normalizeArxivId } from "../normalize";
import { rejected, toRecord, type ParsedRecord } from "../record";

/**
 * One line of the arXiv metadata snapshot (Kaggle/Cornell, JSON Lines; several GB, so it is read
 * a line at a time). Names come from `authors_parsed` ([last, first, suffix], Unicode) rather
 * than the TeX-accented `authors` string ("C. Bal\'azs"); the publication day is the creation of
 * version 1. Returns null for a blank line.
 */
export function parseArxivJsonlLine(line: string, lineNumber: number): ParsedRecord | null {
  if (!line.trim()) return null;
  const at = `line ${lineNumber}`;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return rejected(at, "is not valid JSON");
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) return rejected(at, "is not a JSON object");
  const fields = record as Record<string, unknown>;
  const rawId = typeof fields.id === "string" ? fields.id : String(fields.id ?? "");
  const arxivId = normalizeArxivId(rawId);
  if (!arxivId) return rejected(at, rawId ? `id "${rawId}" is not an arXiv id` : "has no id");
  const authors = authorNames(fields);
  const versions = Array.isArray(fields.versions) ? (fields.versions as Array<{ created?: unknown }>) : [];
  return toRecord(at, {
    arxivId,
    title: typeof fields.title === "string" ? collapseWhitespace(fields.title) : undefined,
    abstract: typeof fields.abstract === "string" ? collapseWhitespace(fields.abstract) : undefined,
    authors,
    authorCount: authors.length,
    publishedAt: dateOrInvalid(versions[0]?.created ?? fields.update_date),
    categories: typeof fields.categories === "string" ? fields.categories.split(/\s+/).filter(Boolean) : [],
  });
}

function authorNames(fields: Record<string, unknown>): string[] {
  if (Array.isArray(fields.authors_parsed)) {
    return fields.authors_parsed
      .map((parts) => {
        if (!Array.isArray(parts)) return "";
        const [last = "", first = "", suffix = ""] = parts.map((part) => (typeof part === "string" ? part : ""));
        return collapseWhitespace(`${first} ${last} ${suffix}`);
      })
      .filter(Boolean);
  }
  if (typeof fields.authors === "string") {
    return fields.authors.split(/,\s*|\s+and\s+/).map(collapseWhitespace).filter(Boolean);
  }
  return [];
}
