import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ClientBase } from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | boolean | Date | null;

// COPY's text format reads a backslash as the start of an escape, a tab as the end of a field and
// a newline or carriage return as the end of a row: each is written as its escape. Nothing else
// is special once backslashes are escaped (a lone "\." line can only arrive as "\\.").
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeSpecial = (character: string) => ESCAPES[character]!;

/**
 * A value as one field of COPY's text format. Dates go as UTC ISO text: Prisma keeps DateTime in
 * `timestamp(3)` (without time zone) holding UTC, and PostgreSQL ignores the "Z" of such input,
 * so neither the process's nor the session's time zone changes what is stored.
 */
export function copyField(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "string") return value.replace(SPECIAL, escapeSpecial);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value);
}

// Rows are handed to the driver in pieces of about this many characters: large enough that the
// stream's per-chunk cost vanishes, small enough that a batch is never held twice in memory.
const CHUNK_CHARS = 1 << 16;

function* copyText(rows: Iterable<readonly CopyValue[]>): Iterable<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += `${row.map(copyField).join("\t")}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

export const quotedColumns = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(", ");

/** Streams rows into a table with COPY FROM STDIN (text format); returns how many went in. */
export async function copyRows(client: ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${quotedColumns(columns)}) FROM STDIN`));
  await pipeline(Readable.from(copyText(rows)), stream);
  return stream.rowCount;
}
