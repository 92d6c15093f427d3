import fs from "node:fs";
import path from "node:path";
import type { PaperInput } from "../../lib/papers/schema";
import type { ParsedRecord } from "../../lib/ingest/record";

export const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "ingest");

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), "utf8");
}

/** The records of a parse, split into papers and rejections, for assertions. */
export function split(records: ParsedRecord[]): { papers: PaperInput[]; rejected: Array<{ at: string; error: string }> } {
  return {
    papers: records.flatMap((record) => ("paper" in record ? [record.paper] : [])),
    rejected: records.flatMap((record) => ("error" in record ? [record] : [])),
  };
}
