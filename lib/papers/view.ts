import type { PaperRecord } from "./paper-row";

/**
 * A paper as every output shows it: the one mapping from a database row, so a paper looks the
 * same on the feed, its page and the JSON API. Dates are ISO 8601 UTC strings so the value can
 * cross from server to client components unchanged.
 */
export type PaperView = {
  id: string;
  arxivId: string | null;
  title: string;
  abstract: string;
  authors: string[];
  authorCount: number;
  publishedAt: string;
  feedDate: string;
  /** Imported upvotes plus the ones cast here: the one count shown everywhere. */
  upvotes: number;
  numComments: number;
  hidden: boolean;
  categories: string[];
  /** Who put the paper in the feed: the account that submitted it here, else the source's submitter. */
  submittedBy: string | null;
  /** The source's picture of the paper (https), if it had one. */
  thumbnail: string | null;
  links: { arxiv: string | null; pdf: string | null; code: string | null; project: string | null };
};

function jsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function toPaperView(row: PaperRecord): PaperView {
  return {
    id: row.id,
    arxivId: row.arxivId,
    title: row.title,
    abstract: row.abstract,
    authors: jsonList(row.authors),
    authorCount: row.authorCount,
    publishedAt: row.publishedAt.toISOString(),
    feedDate: row.feedDate.toISOString(),
    upvotes: row.importedUpvotes + row.localUpvotes,
    numComments: row.comments,
    hidden: row.hidden,
    categories: jsonList(row.categories),
    submittedBy: row.submitter ?? row.sourceSubmitter,
    thumbnail: row.thumbnailUrl,
    links: {
      arxiv: row.arxivId ? `https://arxiv.org/abs/${row.arxivId}` : null,
      pdf: row.pdfUrl ?? (row.arxivId ? `https://arxiv.org/pdf/${row.arxivId}` : null),
      code: row.codeUrl,
      project: row.projectUrl,
    },
  };
}

/** Hugging Face's paper object (GET /api/papers/{id}), with our extra fields alongside. */
export function toApiPaper(paper: PaperView) {
  return {
    id: paper.id,
    arxivId: paper.arxivId,
    title: paper.title,
    summary: paper.abstract,
    authors: paper.authors.map((name) => ({ name })),
    authorCount: paper.authorCount,
    publishedAt: paper.publishedAt,
    upvotes: paper.upvotes,
    categories: paper.categories,
    arxivUrl: paper.links.arxiv,
    pdfUrl: paper.links.pdf,
    githubRepo: paper.links.code,
    projectPage: paper.links.project,
  };
}

/** One entry of Hugging Face's GET /api/daily_papers: the paper plus its day in the feed. */
export function toApiDailyEntry(paper: PaperView) {
  return {
    paper: toApiPaper(paper),
    publishedAt: paper.feedDate,
    title: paper.title,
    summary: paper.abstract,
    numComments: paper.numComments,
    thumbnail: paper.thumbnail,
    // Hugging Face's user object, as far as this site knows the person: a display name.
    submittedBy: paper.submittedBy ? { name: paper.submittedBy, fullname: paper.submittedBy, type: "user" } : null,
  };
}
