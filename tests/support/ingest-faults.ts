import fs from "node:fs";
import fc from "fast-check";
import { collapseWhitespace } from "../../lib/ingest/normalize";
import { normalizeArxivId, titleKey } from "../../lib/papers/identity";
import { readRecords } from "../../lib/ingest/read-records";
import { FORMATS, type FormatName, type ParsedRecord } from "../../lib/ingest/record";
import { SourceError, type Source } from "../../lib/ingest/source";
import { paperInputSchema, type PaperInput } from "../../lib/papers/schema";
import { SAMPLE_FILE } from "../../prisma/seed";
import { readFixture } from "./fixtures";

/*
 * Faulty inputs for the ingest readers, built from the real fixtures: a few of a fixture's
 * records (small documents keep 10,000 runs quick), then structural faults for the format
 * (wrong JSON types, broken or deeply nested XML, DTD entities, odd page lines), generic text
 * faults (truncation, CRLF, inserted bytes and tokens), an encoding (BOMs, UTF-16, Latin-1),
 * byte faults (invalid UTF-8, a cut inside a character) and random chunk boundaries.
 */

// ---------------------------------------------------------------------------------------------
// The contract every outcome must keep

/** What reading a source came to: refused as a whole (SourceError), or records. */
export type Outcome = { refused: string } | { format: FormatName; records: ParsedRecord[] };

const PLACE = /^(?:document|paper|(?:line|entry|item) \d+)$/;
// What PostgreSQL's text type and both search indexes take: no C0 controls but tab, LF, CR.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INT32_MAX = 2_147_483_647;

/** A source that hands the bytes over in pieces cut at the given fractions of its length. */
export function memorySource(bytes: Uint8Array, cuts: number[] = []): Source {
  const offsets = [...new Set(cuts.map((cut) => Math.floor(cut * bytes.length)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    if (offset > start) pieces.push(Buffer.from(bytes.subarray(start, offset)));
    start = Math.max(start, offset);
  }
  return {
    name: "input",
    totalBytes: bytes.length,
    chunks: (async function* () {
      yield* pieces;
    })(),
  };
}

/**
 * Reads bytes the way the ingest command does. Only a SourceError may escape readRecords: any
 * other exception (TypeError, RangeError, a stack overflow) is rethrown and fails the property.
 */
export async function readOutcome(bytes: Uint8Array, options: { format?: FormatName; cuts?: number[] } = {}): Promise<Outcome> {
  try {
    const stream = await readRecords(memorySource(bytes, options.cuts), { format: options.format, asOf: new Date("2025-12-12") });
    const records: ParsedRecord[] = [];
    for await (const record of stream.records) records.push(record);
    return { format: stream.format, records };
  } catch (error) {
    if (error instanceof SourceError) return { refused: error.message };
    throw error;
  }
}

function fail(message: string, value?: unknown): never {
  const shown = value === undefined ? "" : `: ${JSON.stringify(value)?.slice(0, 300)}`;
  throw new Error(`${message}${shown}`);
}

const strings = (paper: PaperInput): Array<[string, string]> => [
  ["arxivId", paper.arxivId ?? ""],
  ["title", paper.title],
  ["abstract", paper.abstract],
  ...paper.authors.map((name, index): [string, string] => [`authors.${index}`, name]),
  ...paper.categories.map((category, index): [string, string] => [`categories.${index}`, category]),
  ["pdfUrl", paper.pdfUrl ?? ""],
  ["codeUrl", paper.codeUrl ?? ""],
  ["projectUrl", paper.projectUrl ?? ""],
];

const isUtcDay = (date: Date) => !Number.isNaN(date.getTime()) && date.getTime() % 86_400_000 === 0 && date.getUTCFullYear() >= 1900;

/** A paper as the database takes it: the schema's shape, normalized text, values both engines store. */
export function assertNormalizedPaper(paper: PaperInput): void {
  const again = paperInputSchema.safeParse(paper);
  if (!again.success) fail(`paper does not pass the schema (${again.error.issues[0]?.message})`, paper);
  if (paper.title !== collapseWhitespace(paper.title) || paper.title === "") fail("title is not collapsed", paper.title);
  if (paper.abstract.split("\n\n").some((paragraph) => paragraph !== collapseWhitespace(paragraph))) fail("abstract is not collapsed", paper.abstract);
  if (paper.authors.some((name) => name === "" || name !== collapseWhitespace(name))) fail("an author name is not collapsed", paper.authors);
  if (paper.arxivId !== null && normalizeArxivId(paper.arxivId) !== paper.arxivId) fail("arxivId is not canonical", paper.arxivId);
  // PostgreSQL's B-tree entries are at most 2,704 bytes: the title key is indexed.
  if (Buffer.byteLength(titleKey(paper.title)) > 2_400) fail("the title key is too long to index", paper.title.length);
  for (const [field, text] of strings(paper)) {
    if (CONTROL.test(text)) fail(`${field} holds a control character`, text);
    if (LONE_SURROGATE.test(text)) fail(`${field} holds a lone surrogate`, text);
  }
  if (!Number.isSafeInteger(paper.authorCount) || paper.authorCount < paper.authors.length || paper.authorCount > INT32_MAX) {
    fail("authorCount is out of range", paper.authorCount);
  }
  if (paper.upvotes !== undefined && (!Number.isSafeInteger(paper.upvotes) || paper.upvotes < 0 || paper.upvotes > INT32_MAX)) {
    fail("upvotes are out of range", paper.upvotes);
  }
  if (!isUtcDay(paper.publishedAt)) fail("publishedAt is not a UTC day", paper.publishedAt);
  if (paper.feedDate && !isUtcDay(paper.feedDate)) fail("feedDate is not a UTC day", paper.feedDate);
}

/**
 * The reader's contract: a source is refused whole with a message, or every record is a valid
 * normalized paper or a rejection with a place and a reason. A parser's "cannot read this
 * document" is its only record (the ingest turns it into a SourceError before writing anything).
 */
export function assertContract(outcome: Outcome): void {
  if ("refused" in outcome) {
    if (!/\S/.test(outcome.refused)) fail("a refusal without a message");
    return;
  }
  const { records } = outcome;
  if (records.some((record) => record.at === "document") && (records.length !== 1 || !("error" in records[0]!))) {
    fail("a document-level rejection among other records", records.slice(0, 3));
  }
  const places = new Set<string>();
  for (const record of records) {
    if (!PLACE.test(record.at)) fail("a record without a place", record);
    if (places.has(record.at)) fail("two records at one place", record.at);
    places.add(record.at);
    if ("error" in record) {
      if (typeof record.error !== "string" || !/\S/.test(record.error)) fail("a rejection without a reason", record);
      if (record.error.includes("[object Object]")) fail("a rejection whose reason shows a JavaScript object", record);
      if (record.error.length > 500 || /[\u0000-\u001f\u007f]/.test(record.error)) fail("a reason that is not one short line", record);
    } else {
      assertNormalizedPaper(record.paper);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Base documents: a few records of a real fixture

export type Base = { name: string; format: FormatName; build: fc.Arbitrary<string> };

function pieces(text: string, pattern: RegExp): { head: string; items: string[]; tail: string } {
  const items = [...text.matchAll(pattern)];
  if (items.length === 0) return { head: text, items: [], tail: "" };
  const first = items[0]!.index!;
  const last = items.at(-1)!;
  return { head: text.slice(0, first), items: items.map((match) => match[0]), tail: text.slice(last.index! + last[0].length) };
}

function xmlBase(name: string, format: FormatName, element: "entry" | "item"): Base {
  const { head, items, tail } = pieces(readFixture(name), new RegExp(`<${element}>[\\s\\S]*?</${element}>`, "g"));
  return { name, format, build: fc.subarray(items, { maxLength: 1 }).map((chosen) => head + chosen.join("\n    ") + tail) };
}

function jsonArrayBase(name: string, format: FormatName, key?: string): Base {
  const document = JSON.parse(readFixture(name)) as unknown;
  const items = (key ? (document as Record<string, unknown[]>)[key] : Array.isArray(document) ? document : [document]) as unknown[];
  return {
    name,
    format,
    build: fc.tuple(fc.subarray(items, { maxLength: Math.min(3, items.length) }), fc.boolean()).map(([chosen, pretty]) => {
      const value = key ? { ...(document as object), [key]: chosen } : Array.isArray(document) ? chosen : (chosen[0] ?? {});
      return JSON.stringify(value, null, pretty ? 2 : undefined);
    }),
  };
}

function jsonLinesBase(name: string): Base {
  const lines = readFixture(name).split("\n");
  return { name, format: "arxiv-jsonl", build: fc.subarray(lines, { minLength: 1, maxLength: 6 }).map((chosen) => chosen.join("\n")) };
}

function pageTextBase(): Base {
  const lines = fs.readFileSync(SAMPLE_FILE, "utf8").split("\n");
  const headerEnd = lines.indexOf("Dec 12") + 1;
  const blocks: string[] = [];
  let start = headerEnd;
  for (let index = headerEnd; index < lines.length; index++) {
    if (lines[index] === "·" && index + 1 < lines.length) {
      blocks.push(lines.slice(start, index + 2).join("\n"));
      start = index + 2;
    }
  }
  const header = lines.slice(0, headerEnd).join("\n");
  return {
    name: "daily-papers-page.txt",
    format: "hf-page-text",
    build: fc
      .tuple(fc.boolean(), fc.subarray(blocks, { minLength: 1, maxLength: 3 }))
      .map(([withHeader, chosen]) => [...(withHeader ? [header] : []), ...chosen].join("\n")),
  };
}

export const BASES: Record<"hf-page-text" | "hf-daily-json" | "arxiv-atom" | "arxiv-jsonl" | "feed", Base[]> = {
  "hf-page-text": [pageTextBase()],
  "hf-daily-json": [
    jsonArrayBase("hf-daily-papers.json", "hf-daily-json"),
    jsonArrayBase("hf-daily-papers-malformed.json", "hf-daily-json"),
    jsonArrayBase("hf-paper.json", "hf-daily-json"),
  ],
  "arxiv-atom": [
    xmlBase("arxiv-atom.xml", "arxiv-atom", "entry"),
    xmlBase("arxiv-atom-new.xml", "arxiv-atom", "entry"),
    xmlBase("arxiv-atom-malformed.xml", "arxiv-atom", "entry"),
    xmlBase("arxiv-atom-error.xml", "arxiv-atom", "entry"),
  ],
  "arxiv-jsonl": [jsonLinesBase("arxiv-snapshot.jsonl"), jsonLinesBase("arxiv-snapshot-malformed.jsonl")],
  feed: [
    xmlBase("arxiv-rss.xml", "feed", "item"),
    xmlBase("papers-rss-malformed.xml", "feed", "item"),
    xmlBase("papers-atom-feed.xml", "feed", "entry"),
    jsonArrayBase("papers-feed.json", "feed", "items"),
  ],
};

// ---------------------------------------------------------------------------------------------
// Faults

/** Tokens that break parsers: markup, escapes, controls, odd white space, Unicode edge cases. */
const TOKENS = [
  "<",
  ">",
  "&",
  "&amp;",
  "&lt;",
  "&lol;",
  "&#0;",
  "&#x0;",
  "&#xD800;",
  "&#x1F600;",
  "&#99999999;",
  "]]>",
  "<![CDATA[",
  "<!--",
  "-->",
  '<?xml version="1.0"?>',
  "<!DOCTYPE x>",
  '"',
  "\\",
  "\\u0000",
  "\\ud800",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "null",
  "true",
  "-0",
  "1e999",
  "\u0000",
  "\u0007",
  "\u001b",
  "\u007f",
  "\u0085",
  "\ufeff",
  "\ufffd",
  "\u2028",
  "\u2029",
  "\u00a0",
  "\u3000",
  "\u200b",
  "\r",
  "\r\n",
  "\t",
  "\v",
  "\f",
  "\ud800",
  "\udfff",
  "\ud83d\ude00",
  "e\u0301",
  "·",
  "•",
  "  • 3 authors",
  "1 author",
  "0 authors",
  "Mar 13 3",
  "Feb 30, 2024",
  "Sept 31",
  "Nov 21, 1899",
  "Dec 31, 2999",
  "99999999999999999999",
  "-1",
  "NaN",
  "__proto__",
  "constructor",
  "http://arxiv.org/abs/2312.00752v2",
  "arXiv:0704.0001",
  "hep-th/9901001",
  "javascript:alert(1)",
];

const position = fc.double({ min: 0, max: 1, noNaN: true });
const insertText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TOKENS), fc.integer({ min: 2, max: 300 })).map(([token, times]) => token.repeat(times)) },
);

type TextFault =
  | { kind: "truncate"; at: number }
  | { kind: "crlf" }
  | { kind: "cr" }
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "json-replace"; which: number; value: unknown; line: number }
  | { kind: "json-delete"; which: number; line: number }
  | { kind: "xml-text"; which: number; text: string }
  | { kind: "xml-drop-tag"; which: number }
  | { kind: "xml-rename-tag"; which: number; name: string }
  | { kind: "xml-attribute"; which: number; attribute: string }
  | { kind: "xml-nest"; which: number; depth: number }
  | { kind: "xml-entities"; levels: number; width: number; which: number }
  | { kind: "page-line"; which: number; line: string }
  | { kind: "page-drop-line"; which: number };

const nested = (depth: number, leaf: unknown = null) => {
  let value: unknown = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 ? { a: value } : [value];
  return value;
};

/** Values of the wrong type for any JSON field: numbers where strings are, arrays of nulls, deep nesting. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1, 2 ** 31, 2 ** 53 + 1, 0.5),
  fc.boolean(),
  fc.array(fc.constant(null), { maxLength: 4 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "\u0000", "not-a-date", "2024-02-30", "0704.0001", "https://", "ftp://x.org/a", "  \n  "),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant({}),
  fc.constant([]),
  fc.integer({ min: 50, max: 300 }).map((depth) => nested(depth)),
);

const tagName = fc.constantFrom(
  "entry",
  "item",
  "title",
  "summary",
  "id",
  "feed",
  "rss",
  "channel",
  "author",
  "name",
  "link",
  "x:y",
  "a",
  "__proto__",
  "constructor",
);
const attribute = fc.constantFrom(
  ' href="https://arxiv.org/abs/0704.0001"',
  ' xmlns="urn:x"',
  ' xmlns:arxiv="urn:other"',
  ' a="1" a="2"',
  ' __proto__="x"',
  " constructor='y'",
  ' term=""',
  " broken",
  ' q="<"',
  ' type="xhtml"',
);
const dateLine = fc
  .record({
    month: fc.constantFrom("Jan", "Feb", "Mar", "Sept", "Sep", "Dec", "Foo", "jan"),
    day: fc.integer({ min: 0, max: 40 }),
    year: fc.option(fc.integer({ min: 1800, max: 3000 })),
    upvotes: fc.option(fc.oneof(fc.nat(1_000), fc.constantFrom(2 ** 31, 10 ** 20))),
  })
  .map(({ month, day, year, upvotes }) => `${month} ${day}${year === null ? "" : `, ${year}`}${upvotes === null ? "" : ` ${upvotes}`}`);
const pageLine = fc.oneof(
  dateLine,
  fc.oneof(fc.nat(20), fc.constantFrom(2 ** 31, 10 ** 20, 10 ** 400)).map((count) => `  • ${count} authors`),
  fc.constantFrom("·", "", "1 author", "Dec 12", "Daily Papers", "new"),
  fc.string({ unit: "binary", maxLength: 30 }),
);

const genericFault: fc.Arbitrary<TextFault> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: position }) },
  { weight: 1, arbitrary: fc.constant({ kind: "crlf" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "cr" as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("insert" as const), at: position, text: insertText }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: position, length: fc.nat(300) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), at: position, length: fc.nat(2_000) }) },
);
const jsonFault: fc.Arbitrary<TextFault> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("json-replace" as const), which: fc.nat(), value: wrongValue, line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("json-delete" as const), which: fc.nat(), line: fc.nat() }) },
);
const xmlFault: fc.Arbitrary<TextFault> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("xml-text" as const), which: fc.nat(), text: insertText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("xml-drop-tag" as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("xml-rename-tag" as const), which: fc.nat(), name: tagName }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("xml-attribute" as const), which: fc.nat(), attribute }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("xml-nest" as const), which: fc.nat(), depth: fc.integer({ min: 1, max: 300 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("xml-entities" as const),
      levels: fc.integer({ min: 1, max: 9 }),
      width: fc.integer({ min: 2, max: 10 }),
      which: fc.nat(),
    }),
  },
);
const pageFault: fc.Arbitrary<TextFault> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("page-line" as const), which: fc.nat(), line: pageLine }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("page-drop-line" as const), which: fc.nat() }) },
);

const at = (text: string, fraction: number) => Math.floor(fraction * text.length);

function jsonPaths(value: unknown, limit = 400): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  const stack: Array<[unknown, Array<string | number>]> = [[value, []]];
  while (stack.length > 0 && paths.length < limit) {
    const [node, path] = stack.pop()!;
    if (path.length > 0) paths.push(path);
    if (Array.isArray(node)) node.forEach((child, index) => stack.push([child, [...path, index]]));
    else if (typeof node === "object" && node !== null) for (const [key, child] of Object.entries(node)) stack.push([child, [...path, key]]);
  }
  return paths;
}

function editJson(text: string, which: number, edit: (parent: Record<string | number, unknown>, key: string | number) => void): string {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return text;
  }
  const paths = jsonPaths(document);
  if (paths.length === 0) return text;
  const path = paths[which % paths.length]!;
  let parent = document as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  edit(parent, path.at(-1)!);
  return JSON.stringify(document);
}

/** A JSON fault applies to the whole text when it is JSON, else to one line (JSON Lines). */
function onJson(text: string, line: number, change: (json: string) => string): string {
  try {
    JSON.parse(text);
    return change(text);
  } catch {
    const lines = text.split("\n");
    const index = line % lines.length;
    lines[index] = change(lines[index]!);
    return lines.join("\n");
  }
}

function nth(text: string, pattern: RegExp, which: number, replace: (match: RegExpExecArray) => string): string {
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return text;
  const match = matches[which % matches.length]!;
  return text.slice(0, match.index) + replace(match as RegExpExecArray) + text.slice(match.index! + match[0].length);
}

function billionLaughs(levels: number, width: number): string {
  const declarations = [`<!ENTITY e0 "lol">`];
  for (let level = 1; level <= levels; level++) declarations.push(`<!ENTITY e${level} "${`&e${level - 1};`.repeat(width)}">`);
  return `<!DOCTYPE root [${declarations.join("")}]>`;
}

export function applyFault(text: string, fault: TextFault): string {
  switch (fault.kind) {
    case "truncate":
      return text.slice(0, at(text, fault.at));
    case "crlf":
      return text.replace(/\r?\n/g, "\r\n");
    case "cr":
      return text.replace(/\r?\n/g, "\r");
    case "insert":
      return text.slice(0, at(text, fault.at)) + fault.text + text.slice(at(text, fault.at));
    case "delete":
      return text.slice(0, at(text, fault.at)) + text.slice(at(text, fault.at) + fault.length);
    case "duplicate": {
      const start = at(text, fault.at);
      return text.slice(0, start + fault.length) + text.slice(start, start + fault.length) + text.slice(start + fault.length);
    }
    case "json-replace":
      return onJson(text, fault.line, (json) => editJson(json, fault.which, (parent, key) => void (parent[key] = fault.value)));
    case "json-delete":
      return onJson(text, fault.line, (json) =>
        editJson(json, fault.which, (parent, key) => {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        }),
      );
    case "xml-text":
      return nth(text, />([^<]+)</g, fault.which, () => `>${fault.text}<`);
    case "xml-drop-tag":
      return nth(text, /<\/?[A-Za-z][^>]*>/g, fault.which, () => "");
    case "xml-rename-tag":
      return nth(text, /<(\/?)([A-Za-z][\w:.-]*)/g, fault.which, (match) => `<${match[1]}${fault.name}`);
    case "xml-attribute":
      return nth(text, /<([A-Za-z][\w:.-]*)/g, fault.which, (match) => `<${match[1]}${fault.attribute}`);
    case "xml-nest":
      return nth(text, />([^<]+)</g, fault.which, (match) => `>${"<x>".repeat(fault.depth)}${match[1]}${"</x>".repeat(fault.depth)}<`);
    case "xml-entities": {
      const doctype = billionLaughs(fault.levels, fault.width);
      const withDoctype = /^<\?xml[^>]*\?>/.test(text) ? text.replace(/^(<\?xml[^>]*\?>)/, `$1${doctype}`) : doctype + text;
      return nth(withDoctype, /<title>([^<]*)</g, fault.which, () => `<title>&e${fault.levels};<`);
    }
    case "page-line": {
      const lines = text.split("\n");
      lines[fault.which % lines.length] = fault.line;
      return lines.join("\n");
    }
    case "page-drop-line": {
      const lines = text.split("\n");
      lines.splice(fault.which % lines.length, 1);
      return lines.join("\n");
    }
  }
}

type Encoding = "utf-8" | "utf-8-bom" | "utf-16le-bom" | "utf-16be-bom" | "utf-16le" | "latin1";

function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf-16le":
      return Buffer.from(text, "utf16le");
    case "utf-16le-bom":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf-16be-bom":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    case "latin1":
      return Buffer.from(text, "latin1");
  }
}

type ByteFault =
  { kind: "bytes-insert"; at: number; bytes: number[] } | { kind: "bytes-truncate"; at: number } | { kind: "bytes-set"; at: number; value: number };

const INVALID_UTF8 = [[0xc3], [0xff], [0xfe], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0x80], [0xe2, 0x82], [0xef, 0xbb, 0xbf], [0x00]];
const byteFault: fc.Arbitrary<ByteFault> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("bytes-insert" as const),
      at: position,
      bytes: fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bytes-truncate" as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bytes-set" as const), at: position, value: fc.integer({ min: 0, max: 255 }) }) },
);

function applyByteFault(bytes: Uint8Array, fault: ByteFault): Uint8Array {
  const offset = Math.floor(fault.at * bytes.length);
  switch (fault.kind) {
    case "bytes-insert":
      return Buffer.concat([bytes.subarray(0, offset), Uint8Array.from(fault.bytes), bytes.subarray(offset)]);
    case "bytes-truncate":
      return bytes.subarray(0, offset);
    case "bytes-set": {
      const copy = Uint8Array.from(bytes);
      if (offset < copy.length) copy[offset] = fault.value;
      return copy;
    }
  }
}

export type FaultyInput = {
  base: string;
  faults: TextFault[];
  encoding: Encoding;
  byteFaults: ByteFault[];
  /** The format given with --format, or undefined to have it detected. */
  format?: FormatName;
  /** Chunk boundaries, as fractions of the length. */
  cuts: number[];
  bytes: Uint8Array;
};

/**
 * Faulty inputs of one format: mostly small, so that 10,000 of them take seconds. About one in
 * eight is given a --format (the right one or any other), the rest are detected.
 */
export function faultyInputs(format: keyof typeof BASES): fc.Arbitrary<FaultyInput> {
  const structural = format === "hf-page-text" ? pageFault : format === "hf-daily-json" || format === "arxiv-jsonl" ? jsonFault : fc.oneof(xmlFault, jsonFault);
  const fault = fc.oneof({ weight: 1, arbitrary: genericFault }, { weight: 1, arbitrary: structural });
  return fc
    .record({
      base: fc.oneof(...BASES[format].map((base) => base.build.map((text) => ({ name: base.name, text })))),
      faults: fc.array(fault, { maxLength: 3 }),
      encoding: fc.oneof(
        { weight: 12, arbitrary: fc.constant("utf-8" as const) },
        { weight: 1, arbitrary: fc.constantFrom<Encoding>("utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le", "latin1") },
      ),
      byteFaults: fc.oneof(
        { weight: 3, arbitrary: fc.constant<ByteFault[]>([]) },
        { weight: 1, arbitrary: fc.array(byteFault, { minLength: 1, maxLength: 2 }) },
      ),
      format: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<FormatName | undefined>(format, ...FORMATS) }),
      // Chunk boundaries matter most to the JSON Lines stream; the other formats are read whole,
      // so only one run in six (each read twice) checks that boundaries change nothing.
      cuts:
        format === "arxiv-jsonl"
          ? fc.array(position, { maxLength: 4 })
          : fc.oneof({ weight: 5, arbitrary: fc.constant<number[]>([]) }, { weight: 1, arbitrary: fc.array(position, { minLength: 1, maxLength: 4 }) }),
    })
    .map(({ base, faults, encoding, byteFaults, format: given, cuts }) => {
      const text = faults.reduce(applyFault, base.text);
      const bytes = byteFaults.reduce(applyByteFault, encode(text, encoding));
      const input = { base: base.name, faults, encoding, byteFaults, format: given, cuts, bytes };
      // A counterexample is printed as its recipe and its text, not as thousands of byte values.
      const shownAs = () => JSON.stringify({ ...input, bytes: undefined, text: decodeLikeReader(bytes).slice(0, 3_000) });
      return Object.assign(input, { [fc.toStringMethod]: shownAs });
    });
}

/** Runs per property: at least 10,000 generated and mutated inputs per format. */
export const RUNS = 10_000;

/** The text as the reader decodes it: by its byte order mark, else as UTF-8. */
export function decodeLikeReader(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * The property for one format: every faulty input keeps the contract, and the outcome does not
 * depend on where the chunks of the stream happen to end.
 */
export function faultProperty(format: keyof typeof BASES) {
  return fc.asyncProperty(faultyInputs(format), async (input) => {
    const outcome = await readOutcome(input.bytes, { format: input.format, cuts: input.cuts });
    assertContract(outcome);
    if (input.cuts.length > 0) {
      const whole = await readOutcome(input.bytes, { format: input.format });
      if (JSON.stringify(whole) !== JSON.stringify(outcome)) fail("the outcome depends on the chunk boundaries", { whole, outcome });
    }
    if ("records" in outcome && outcome.format === "arxiv-jsonl") {
      // One record per line that is not blank: no line is lost, none is split or merged.
      const lines = decodeLikeReader(input.bytes)
        .split("\n")
        .filter((line) => line.trim() !== "");
      if (outcome.records.length !== lines.length) fail(`${lines.length} lines gave ${outcome.records.length} records`);
    }
  });
}
