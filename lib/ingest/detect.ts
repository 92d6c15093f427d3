import type { FormatName } from "./record";

/**
 * Tells a source's format from its first kilobytes, so `--format` is only needed for the odd
 * file. JSON Lines is told from JSON by its first line being a whole arXiv snapshot record.
 */
export function detectFormat(head: string): FormatName | null {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("{") || text.startsWith("[")) {
    if (/"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(text)) return "feed";
    if (text.startsWith("{") && isSnapshotRecord(text.split("\n", 1)[0]!)) return "arxiv-jsonl";
    return "hf-daily-json";
  }
  if (text.startsWith("<")) {
    if (/<(?:rss|rdf:RDF)[\s>]/.test(text)) return "feed";
    if (/<feed[\s>]/.test(text)) {
      // arXiv API answers carry the arxiv namespace and an id under arxiv.org/api.
      const fromArxivApi = /<id>\s*https?:\/\/arxiv\.org\/api\//.test(text) || /xmlns:arxiv="http:\/\/arxiv\.org\/schemas\/atom"/.test(text);
      return fromArxivApi ? "arxiv-atom" : "feed";
    }
    return null;
  }
  return AUTHORS_LINE.test(text) ? "hf-page-text" : null;
}

// An "N authors" line. Only white space within the line may surround it: a \s* that could run
// across line breaks would be tried from every line start to the end of the text (quadratic:
// 13 s for 64 KB of blank lines).
const AUTHORS_LINE = /^[^\S\n\r\u2028\u2029]*(?:•[^\S\n\r\u2028\u2029]*)?\d+ authors?[^\S\n\r\u2028\u2029]*$/m;

function isSnapshotRecord(line: string): boolean {
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    return typeof record === "object" && record !== null && "id" in record && ("authors_parsed" in record || "versions" in record);
  } catch {
    return false;
  }
}
