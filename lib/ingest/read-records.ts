import { StringDecoder } from "node:string_decoder";
import { detectFormat } from "./detect";
import { parseArxivAtom } from "./formats/arxiv-atom";
import { parseArxivJsonlLine } from "./formats/arxiv-jsonl";
import { parseFeed } from "./formats/feed";
import { parseHfDailyJson } from "./formats/hf-daily-json";
import { parseHfPageText } from "./formats/hf-page-text";
import { FORMATS, type FormatName, type ParsedRecord } from "./record";
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
// Every format but JSON Lines is parsed as one document; beyond this it should be JSON Lines.
const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

/**
 * Reads a source as a stream of records. The format is detected from the first 64 KB unless
 * given; JSON Lines then streams a line at a time in bounded memory, the other formats are read
 * whole and parsed as one document.
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
  for (let chunk; bytes < DETECT_BYTES && (chunk = await next()); ) head.push(chunk);

  const format = options.format ?? detectFormat(Buffer.concat(head).toString("utf8"));
  if (!format) {
    throw new SourceError(
      `Cannot tell the format of ${source.name}. Give one with --format: ${FORMATS.join(", ")}.`,
    );
  }
  if (format === "arxiv-jsonl") return { format, assumedYear: null, records: jsonLines(head, next) };

  const chunks = [...head];
  for (let chunk; (chunk = await next()); ) {
    chunks.push(chunk);
    if (bytes > MAX_DOCUMENT_BYTES) {
      throw new SourceError(`${source.name} is over 512 MB: only arxiv-jsonl is read as a stream; split the file.`);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
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

async function* jsonLines(head: Buffer[], next: () => Promise<Buffer | null>): AsyncIterable<ParsedRecord> {
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let lineNumber = 0;
  const pending = [...head];
  for (let chunk; (chunk = pending.shift() ?? (await next())); ) {
    const lines = (carry + decoder.write(chunk)).split("\n");
    carry = lines.pop()!;
    for (const line of lines) {
      const record = parseArxivJsonlLine(line, ++lineNumber);
      if (record) yield record;
    }
  }
  const last = parseArxivJsonlLine(carry + decoder.end(), ++lineNumber);
  if (last) yield last;
}
