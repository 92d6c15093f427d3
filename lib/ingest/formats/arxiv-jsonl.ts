import { collapseWhitespace, dateOrInvalid, shown, splitAuthorList } from "../normalize";
import { normalizeArxivId } from "../../papers/identity";
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
    // A byte order mark inside the file is where two files were joined: the line is still whole.
    record = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch {
    return rejected(at, "is not valid JSON");
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) return rejected(at, "is not a JSON object");
  const fields = record as Record<string, unknown>;
  // Only a string can be an id; anything else is described, never converted (an object's
  // toString may be missing, and a deeply nested array's overflows the stack).
  if (fields.id === undefined || fields.id === null || fields.id === "") return rejected(at, "has no id");
  if (typeof fields.id !== "string")
    return rejected(at, `id is ${typeof fields.id === "object" ? (Array.isArray(fields.id) ? "a list" : "an object") : `a ${typeof fields.id}`}, not a string`);
  const arxivId = normalizeArxivId(fields.id);
  if (!arxivId) return rejected(at, `id ${shown(fields.id)} is not an arXiv id`);
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
    return splitAuthorList(fields.authors).filter(Boolean);
  }
  return [];
}
