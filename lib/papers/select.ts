import type { Prisma } from "../generated/sqlite/client";

/** The columns every reader of papers (pages, JSON API) needs: defined once. */
export const paperSelect = {
  id: true,
  arxivId: true,
  title: true,
  abstract: true,
  authors: true,
  authorCount: true,
  publishedAt: true,
  feedDate: true,
  importedUpvotes: true,
  localUpvotes: true,
  hidden: true,
  categories: true,
  pdfUrl: true,
  codeUrl: true,
  projectUrl: true,
  submission: { select: { user: { select: { name: true } } } },
  _count: { select: { comments: true } },
} satisfies Prisma.PaperSelect;

export type PaperRecord = Prisma.PaperGetPayload<{ select: typeof paperSelect }>;
