import type { PaperRow } from "../papers/paper-row";
import type { PaperInput } from "../papers/schema";
import { slugForTitle, titleKey } from "../papers/identity";
import { featuresOf } from "../recs/features";
import type { FormatName } from "./record";

/**
 * How far each format is trusted for a paper's metadata (title, abstract, authors, categories,
 * publication day). arXiv's own records are the reference; Hugging Face copies them but strips
 * inline TeX; feeds and page text carry less (an RSS date is the announcement, not v1).
 */
const METADATA_TRUST: Record<FormatName, number> = { "arxiv-atom": 3, "arxiv-jsonl": 3, "hf-daily-json": 2, feed: 1, "hf-page-text": 1 };

export type BatchPlan = {
  inserts: PaperRow[];
  /** `id` is the row's id before the change: merging a paper that gains an arXiv id renames it. */
  updates: Array<{ id: string; row: PaperRow }>;
  counts: { inserted: number; updated: number; unchanged: number };
};

/**
 * Decides, without touching the database, what a batch of incoming papers does to the rows that
 * already exist. The same paper from any source is one row: matched by arXiv id, else by title
 * (a paper first seen without an id takes the id when a source brings it). Later records in the
 * batch see the earlier ones, so a file that lists a paper twice still makes one row.
 */
export type PlanOptions = {
  format: FormatName;
  feedDate?: Date;
  /**
   * Leave the features (lib/recs/features.ts) empty: only for the benchmark, which measures what
   * making them costs an ingest. A paper stored without them is ranked by nothing.
   */
  withoutFeatures?: boolean;
  /** Features made ahead for each incoming paper's own title and abstract (lib/recs/features-pool.ts), by index; made here when absent. */
  features?: ReadonlyArray<string>;
};

export function planBatch(existing: PaperRow[], incoming: PaperInput[], options: PlanOptions): BatchPlan {
  type Entry = { originalId: string | null; stored: PaperRow | null; row: PaperRow };
  const entries: Entry[] = [];
  const byArxivId = new Map<string, Entry>();
  const byTitleKey = new Map<string, Entry[]>();
  const index = (entry: Entry) => {
    if (entry.row.arxivId) byArxivId.set(entry.row.arxivId, entry);
    byTitleKey.set(entry.row.titleKey, [...(byTitleKey.get(entry.row.titleKey) ?? []), entry]);
  };
  for (const row of existing) {
    entries.push({ originalId: row.id, stored: row, row });
    index(entries.at(-1)!);
  }
  const counts = { inserted: 0, updated: 0, unchanged: 0 };

  incoming.forEach((paper, at) => {
    const made = options.features?.[at];
    const key = titleKey(paper.title);
    const match =
      (paper.arxivId ? byArxivId.get(paper.arxivId) : undefined) ?? byTitleKey.get(key)?.find((entry) => paper.arxivId === null || entry.row.arxivId === null);
    if (!match) {
      entries.push({ originalId: null, stored: null, row: newRow(paper, key, options, made) });
      index(entries.at(-1)!);
      counts.inserted++;
      return;
    }
    const merged = mergeRow(match.row, paper, key, options, made);
    if (sameRow(merged, match.row)) {
      counts.unchanged++;
    } else {
      match.row = merged;
      index(match);
      counts.updated++;
    }
  });

  return {
    inserts: entries.filter((entry) => entry.stored === null).map((entry) => entry.row),
    updates: entries.filter((entry) => entry.stored !== null && !sameRow(entry.stored, entry.row)).map((entry) => ({ id: entry.originalId!, row: entry.row })),
    counts,
  };
}

function newRow(paper: PaperInput, key: string, options: PlanOptions, made: string | undefined): PaperRow {
  const { format, feedDate } = options;
  return withFeatures(
    options,
    { stored: null, paper, made },
    {
      id: paper.arxivId ?? slugForTitle(paper.title),
      arxivId: paper.arxivId,
      titleKey: key,
      title: paper.title,
      abstract: paper.abstract,
      authors: JSON.stringify(paper.authors),
      authorCount: paper.authorCount,
      publishedAt: paper.publishedAt,
      feedDate: paper.feedDate ?? feedDate ?? paper.publishedAt,
      importedUpvotes: paper.upvotes ?? 0,
      categories: JSON.stringify(paper.categories),
      metadataSource: format,
      pdfUrl: paper.pdfUrl ?? null,
      codeUrl: paper.codeUrl ?? null,
      projectUrl: paper.projectUrl ?? null,
      thumbnailUrl: paper.thumbnailUrl ?? null,
      sourceSubmitter: paper.sourceSubmitter ?? null,
    },
  );
}

/**
 * The row with the features of its title and abstract, so they change exactly when the text
 * does: the stored ones while the text is unchanged (re-ingesting makes none), those made ahead
 * for the incoming paper when the row took its text, else made here.
 */
function withFeatures(
  options: PlanOptions,
  known: { stored: PaperRow | null; paper: PaperInput; made: string | undefined },
  row: Omit<PaperRow, "features">,
): PaperRow {
  if (options.withoutFeatures) return { ...row, features: "" };
  const hasText = (other: { title: string; abstract: string }) => other.title === row.title && other.abstract === row.abstract;
  const { stored, paper, made } = known;
  const features = stored?.features && hasText(stored) ? stored.features : made !== undefined && hasText(paper) ? made : featuresOf(row.title, row.abstract);
  return { ...row, features };
}

/**
 * What a source knows replaces what is stored, unless a more trusted source wrote the metadata
 * (METADATA_TRUST); what it does not know (no names, no categories, no feed day, no upvotes)
 * leaves the stored value alone. Imported upvotes only grow, so re-ingesting an older snapshot
 * never lowers a count. Sources of equal trust: the last one wins.
 */
function mergeRow(stored: PaperRow, paper: PaperInput, key: string, options: PlanOptions, made: string | undefined): PaperRow {
  const { format, feedDate } = options;
  const trusted = METADATA_TRUST[format] >= (METADATA_TRUST[stored.metadataSource as FormatName] ?? 0);
  const storedNames = stored.authors !== "[]";
  const takeNames = paper.authors.length > 0 && (trusted || !storedNames);
  const metadata = trusted
    ? {
        titleKey: key,
        title: paper.title,
        abstract: paper.abstract || stored.abstract,
        authors: takeNames ? JSON.stringify(paper.authors) : stored.authors,
        authorCount: takeNames || !storedNames ? paper.authorCount : stored.authorCount,
        publishedAt: paper.publishedAt,
        categories: paper.categories.length > 0 ? JSON.stringify(paper.categories) : stored.categories,
        metadataSource: format,
      }
    : {
        abstract: stored.abstract || paper.abstract,
        authors: takeNames ? JSON.stringify(paper.authors) : stored.authors,
        authorCount: takeNames ? paper.authorCount : stored.authorCount,
        categories: stored.categories === "[]" ? JSON.stringify(paper.categories) : stored.categories,
      };
  return withFeatures(
    options,
    { stored, paper, made },
    {
      ...stored,
      ...metadata,
      id: stored.arxivId ? stored.id : (paper.arxivId ?? stored.id),
      arxivId: stored.arxivId ?? paper.arxivId,
      feedDate: paper.feedDate ?? feedDate ?? stored.feedDate,
      importedUpvotes: Math.max(stored.importedUpvotes, paper.upvotes ?? 0),
      pdfUrl: paper.pdfUrl ?? stored.pdfUrl,
      codeUrl: paper.codeUrl ?? stored.codeUrl,
      projectUrl: paper.projectUrl ?? stored.projectUrl,
      thumbnailUrl: paper.thumbnailUrl ?? stored.thumbnailUrl,
      sourceSubmitter: paper.sourceSubmitter ?? stored.sourceSubmitter,
    },
  );
}

/** Equal rows; two sources of the same trust count as the same (re-reading arXiv via another arXiv format changes nothing). */
function sameRow(a: PaperRow, b: PaperRow): boolean {
  return (Object.keys(a) as Array<keyof PaperRow>).every((field) => {
    const left = a[field];
    const right = b[field];
    if (field === "metadataSource") return METADATA_TRUST[left as FormatName] === METADATA_TRUST[right as FormatName];
    return left instanceof Date && right instanceof Date ? left.getTime() === right.getTime() : left === right;
  });
}
