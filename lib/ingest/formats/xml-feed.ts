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
  if (source.trimStart().startsWith("<")) {
    const verdict = XMLValidator.validate(source);
    if (verdict !== true) return { error: `is not well-formed XML: ${describeXmlError(verdict.err)}` };
  }
  try {
    return { feed: parseFeed(source) };
  } catch (error) {
    return { error: `is not an RSS, Atom or JSON feed (${(error as Error).message})` };
  }
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
