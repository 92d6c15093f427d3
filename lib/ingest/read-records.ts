import { detectFormat } from "./detect";
import { parseArxivAtom } from "./formats/arxiv-atom";
import { parseArxivJsonlLine } from "./formats/arxiv-jsonl";
import { parseFeed } from "./formats/feed";
import { parseHfDailyJson } from "./formats/hf-daily-json";
import { parseHfPageText } from "./formats/hf-page-text";
import { FORMATS, rejected, type FormatName, type ParsedRecord } from "./record";
import { SourceError, type Source } from "./source";

export type RecordStream = {
  format: FormatName;
  /** The year given to the page text's year-less dates when no capture date was given. */
  assumedYear: number | null;
  records: AsyncIterable<ParsedRecord>;
};

export type ReadOptions = {
  format?: FormatName;
  /** The day the source was captured: the year of the page text's year-less dates. */
  asOf?: Date;
  /** Called with the number of bytes read so far, for progress. */
  onBytes?: (bytes: number) => void;
};

const DETECT_BYTES = 64 * 1024;
// Every format but JSON Lines is parsed as one document, decoded to one string first: this stays
// under V8's longest string (2^29 - 24 characters). Beyond it a source should be JSON Lines.
const MAX_DOCUMENT_BYTES = 500 * 1024 * 1024;
// The longest JSON Lines record read. A snapshot line is a few KB and a paper the schema takes
// is under ~1 MB; a longer "line" (a file with no line breaks) is rejected, not held in memory.
const MAX_LINE_CHARS = 16 * 1024 * 1024;

type Encoding = "utf-8" | "utf-16le" | "utf-16be";

/** The encoding a byte order mark names, else UTF-8 (its own mark is optional). */
function encodingOf(head: Buffer): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return "utf-8";
}

/**
 * Reads a source as a stream of records. The format is detected from the first 64 KB (and at
 * least the first line) unless given; JSON Lines then streams a line at a time in bounded
 * memory, the other formats are read whole and parsed as one document. Text is UTF-8, or
 * UTF-16 when it starts with that byte order mark; bytes that are not text become U+FFFD.
 */
export async function readRecords(source: Source, options: ReadOptions = {}): Promise<RecordStream> {
  const iterator = source.chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let bytes = 0;
  const next = async () => {
    const result = await iterator.next();
    if (result.done) return null;
    const chunk = Buffer.isBuffer(result.value) ? result.value : Buffer.from(result.value);
    bytes += chunk.length;
    options.onBytes?.(bytes);
    return chunk;
  };
  // Up to the end of the first line too: JSON Lines is told from JSON by its first record, whole.
  let lineEnded = false;
  for (let chunk; (bytes < DETECT_BYTES || (!lineEnded && bytes < MAX_LINE_CHARS)) && (chunk = await next());) {
    head.push(chunk);
    lineEnded ||= chunk.includes(0x0a);
  }
  const headBytes = Buffer.concat(head);
  const encoding = encodingOf(headBytes);

  const format = options.format ?? detectFormat(new TextDecoder(encoding).decode(headBytes));
  if (!format) {
    throw new SourceError(`Cannot tell the format of ${source.name}. Give one with --format: ${FORMATS.join(", ")}.`);
  }
  if (format === "arxiv-jsonl") return { format, assumedYear: null, records: jsonLines([headBytes], next, encoding) };

  const chunks: Buffer[] = [headBytes];
  for (let chunk; (chunk = await next());) {
    chunks.push(chunk);
    if (bytes > MAX_DOCUMENT_BYTES) {
      throw new SourceError(`${source.name} is over 500 MB: only arxiv-jsonl is read as a stream; split the file.`);
    }
  }
  const text = new TextDecoder(encoding).decode(Buffer.concat(chunks));
  if (format === "hf-page-text") {
    const { records, assumedYear } = parseHfPageText(text, { asOf: options.asOf });
    return { format, assumedYear, records: toAsync(records) };
  }
  const parse = { "hf-daily-json": parseHfDailyJson, "arxiv-atom": parseArxivAtom, feed: parseFeed }[format];
  return { format, assumedYear: null, records: toAsync(parse(text)) };
}

async function* toAsync<T>(items: Iterable<T>): AsyncIterable<T> {
  yield* items;
}

/**
 * JSON Lines, a record per line. A line is looked for only in the newly decoded text, so a long
 * line costs what it is long, not its length times the chunks it spans.
 */
async function* jsonLines(head: Buffer[], next: () => Promise<Buffer | null>, encoding: Encoding): AsyncIterable<ParsedRecord> {
  const decoder = new TextDecoder(encoding);
  let lineNumber = 0;
  // The start of the current line, in the pieces it came in; dropped once it is too long.
  let pieces: string[] = [];
  let length = 0;
  let tooLong = false;
  const endLine = (last: string): ParsedRecord | null => {
    lineNumber++;
    const overflow = tooLong || length + last.length > MAX_LINE_CHARS;
    const line = overflow ? "" : pieces.length === 0 ? last : pieces.join("") + last;
    pieces = [];
    length = 0;
    tooLong = false;
    if (overflow) return rejected(`line ${lineNumber}`, `is over ${MAX_LINE_CHARS / (1024 * 1024)} M characters: not a snapshot record`);
    return parseArxivJsonlLine(line, lineNumber);
  };
  const pending = [...head];
  for (let chunk; (chunk = pending.shift() ?? (await next()));) {
    const text = decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end; (end = text.indexOf("\n", start)) !== -1; start = end + 1) {
      const record = endLine(text.slice(start, end));
      if (record) yield record;
    }
    const rest = text.slice(start);
    if (tooLong || length + rest.length > MAX_LINE_CHARS) {
      tooLong = true;
      pieces = [];
    } else if (rest) {
      pieces.push(rest);
      length += rest.length;
    }
  }
  const last = endLine(decoder.decode());
  if (last) yield last;
}
