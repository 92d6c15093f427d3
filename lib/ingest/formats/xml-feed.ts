import { parseFeed } from "feedsmith";
import { XMLValidator } from "fast-xml-parser";

export type ParsedFeed = ReturnType<typeof parseFeed>;

/**
 * Reads an RSS, Atom, RDF or JSON Feed document with feedsmith. feedsmith is deliberately
 * forgiving of broken XML; a truncated download would silently lose papers, so XML is checked
 * for well-formedness first and a broken document is refused whole, with the line it breaks at.
 */
export function readFeedDocument(text: string): { feed: ParsedFeed } | { error: string } {
  const source = text.replace(/^\uFEFF/, "");
  const start = source.trimStart()[0];
  if (start === "{" || start === "[") {
    // feedsmith walks JSON Feeds recursively: thousands of levels overflow the stack.
    if (nestsDeeperThan(source, MAX_JSON_DEPTH)) return { error: `is not a JSON feed: it nests deeper than ${MAX_JSON_DEPTH} levels` };
  } else {
    // Anything else is read as XML, so it must be XML: feedsmith finds a <feed> even after junk.
    const verdict = XMLValidator.validate(source);
    if (verdict !== true) return { error: `is not well-formed XML: ${describeXmlError(verdict.err)}` };
  }
  try {
    return { feed: parseFeed(source) };
  } catch (error) {
    // feedsmith says "Invalid feed format" whatever went wrong; fast-xml-parser's reason (too
    // deeply nested, a reserved element name) is in the cause.
    const cause = (error as Error).cause instanceof Error ? `: ${((error as Error).cause as Error).message}` : "";
    return { error: `is not an RSS, Atom or JSON feed (${(error as Error).message}${cause})` };
  }
}

// fast-xml-parser refuses XML deeper than 100 elements; a JSON Feed gets the same bound.
const MAX_JSON_DEPTH = 100;

/** Whether JSON text opens more than `limit` arrays and objects inside each other, in one pass without parsing. */
function nestsDeeperThan(json: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === 0x22) {
      // Skip a string, escapes included.
      for (index++; index < json.length && json.charCodeAt(index) !== 0x22; index++) if (json.charCodeAt(index) === 0x5c) index++;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** The text of an Atom text construct ({ value }) or a plain string, else undefined. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "value" in value && typeof value.value === "string") return value.value;
  return undefined;
}

function describeXmlError({ msg, line }: { msg: string; line: number }): string {
  // fast-xml-parser lists the tags still open at the end as "Invalid '[\"feed\",\"entry\"]' found."
  const open = /^Invalid '\[(.*)\]' found\.$/s.exec(msg);
  if (open) {
    const tags = open[1]!.split(",").map((tag) => tag.trim().replace(/^"|"$/g, ""));
    return `it ends with <${tags.at(-1)}> still open (a cut-off download?)`;
  }
  return `line ${line}: ${msg}`;
}
