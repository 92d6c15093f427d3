import type { Paper } from "../generated/sqlite/client";

/**
 * The Paper table's columns as the app reads and writes them, declared once: the ingest row
 * (PaperRow), the row every reader gets (PaperRecord), the storage engines' column lists and
 * value conversions all derive from this. Adding a column is one line here (and the migration);
 * the type checker then points at every place that must handle it.
 *
 * `ingest`: written by ingest (lib/ingest/merge.ts plans it); `read`: shown by pages and APIs.
 */
export const PAPER_COLUMNS = {
  id: { type: "text", ingest: true, read: true },
  arxivId: { type: "text?", ingest: true, read: true },
  titleKey: { type: "text", ingest: true, read: false },
  title: { type: "text", ingest: true, read: true },
  abstract: { type: "text", ingest: true, read: true },
  authors: { type: "text", ingest: true, read: true },
  authorCount: { type: "int", ingest: true, read: true },
  publishedAt: { type: "date", ingest: true, read: true },
  feedDate: { type: "date", ingest: true, read: true },
  importedUpvotes: { type: "int", ingest: true, read: true },
  categories: { type: "text", ingest: true, read: true },
  metadataSource: { type: "text", ingest: true, read: false },
  pdfUrl: { type: "text?", ingest: true, read: true },
  codeUrl: { type: "text?", ingest: true, read: true },
  projectUrl: { type: "text?", ingest: true, read: true },
  thumbnailUrl: { type: "text?", ingest: true, read: true },
  sourceSubmitter: { type: "text?", ingest: true, read: true },
  // Derived from title and abstract (lib/recs/features.ts): what For you and related papers compare.
  features: { type: "text", ingest: true, read: false },
  localUpvotes: { type: "int", ingest: false, read: true },
  hidden: { type: "bool", ingest: false, read: true },
} as const;

type Columns = typeof PAPER_COLUMNS;
export type PaperColumn = keyof Columns;
export type ColumnType = Columns[PaperColumn]["type"];

type ValueOf<Type extends ColumnType> = Type extends "text"
  ? string
  : Type extends "text?"
    ? string | null
    : Type extends "int"
      ? number
      : Type extends "date"
        ? Date
        : boolean;

type RowOf<Flag extends "ingest" | "read"> = {
  [Column in PaperColumn as Columns[Column][Flag] extends true ? Column : never]: ValueOf<Columns[Column]["type"]>;
};

/** A paper row as ingest reads and writes it (the columns ingest owns). */
export type PaperRow = RowOf<"ingest">;

/** A paper as every reader gets it from storage: its shown columns, its comment count and who submitted it. */
export type PaperRecord = RowOf<"read"> & { comments: number; submitter: string | null };

const columnsWhere = (flag: "ingest" | "read") => (Object.keys(PAPER_COLUMNS) as PaperColumn[]).filter((column) => PAPER_COLUMNS[column][flag]);

/** The columns ingest writes, in one fixed order (the engines' INSERT, UPDATE and COPY lists). */
export const INGEST_COLUMNS = columnsWhere("ingest") as Array<keyof PaperRow>;

/** The columns a PaperRecord holds besides its comment count and submitter. */
export const READ_COLUMNS = columnsWhere("read") as Array<Exclude<keyof PaperRecord, "comments" | "submitter">>;

// The declaration above must agree with the Prisma schema's model: a column whose type differs
// (or that the model lacks) fails to type-check here.
type Declared = { [Column in PaperColumn]: ValueOf<Columns[Column]["type"]> };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _agreesWithSchema: Same<Declared, Pick<Paper, PaperColumn>> = true;
