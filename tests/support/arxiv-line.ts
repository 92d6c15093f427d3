import { Readable } from "node:stream";

// One paper as a line of the arXiv metadata snapshot (Kaggle's JSON Lines, what
// lib/ingest/formats/arxiv-jsonl.ts reads): what tests and bench scripts write when they need a
// paper of their own, with only the fields that say something about it.

export type ArxivPaper = {
  id: string;
  title: string;
  abstract: string;
  categories: string;
  /** The first version's date: the day the paper is in the feed. */
  created: Date;
  /** [last, first, suffix] each; one stand-in author if left out. */
  authors?: string[][];
};

export function arxivLine(paper: ArxivPaper): string {
  return JSON.stringify({
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors_parsed: paper.authors ?? [["Writer", "Test", ""]],
    categories: paper.categories,
    versions: [{ version: "v1", created: paper.created.toUTCString() }],
  });
}

/** Text as an ingest's standard input (`source: "-"`). */
export function asStdin(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}
