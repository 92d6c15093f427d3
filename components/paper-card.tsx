import Link from "next/link";
import { dayPeriod } from "@/lib/papers/period";
import { feedHref, paperAnchor, paperHref, periodHref } from "@/lib/papers/urls";
import type { PaperView } from "@/lib/papers/view";
import { excerpt } from "@/lib/text/latex";
import { formatAuthors, formatDay } from "@/lib/text/format";
import { CategoryChip } from "./category-chip";
import { RichText } from "./rich-text";
import { Thumbnail } from "./thumbnail";
import { UpvoteButton } from "./upvote-button";

/** Search results hand in their own highlighted title and snippet (escaped HTML with <mark>). */
export type Highlights = { titleHtml: string; snippetHtml: string };

/** Where a card's category leads: the page's own list filtered to it, or by default the paper's day. */
export type CategoryHref = (category: string) => string;

export function PaperCard({ paper, highlights, categoryHref }: { paper: PaperView; highlights?: Highlights; categoryHref?: CategoryHref }) {
  const href = paperHref(paper.id);
  const filtered = categoryHref ?? ((category: string) => feedHref(periodHref(dayPeriod(new Date(paper.feedDate))), { category }));
  const authors = formatAuthors(paper.authors, paper.authorCount);
  return (
    <article
      id={paperAnchor(paper.id)}
      className="flex h-full scroll-mt-4 gap-4 rounded-xl border border-gray-200 p-4 transition-colors hover:border-gray-300 sm:p-5 dark:border-gray-800 dark:hover:border-gray-700"
    >
      <UpvoteButton paperId={paper.id} upvotes={paper.upvotes} />
      <div className="min-w-0 flex-1">
        {paper.thumbnail && <Thumbnail src={paper.thumbnail} />}
        <h2 className="text-base font-semibold leading-snug sm:text-lg">
          {/* No prefetch for a card's links (title, comments, categories, the vote's sign-in): on a
              50-paper day the ones in view cost a score of RSC requests and their handling on the main
              thread while the page hydrates, for pages rendered per request that a prefetch cannot
              carry anyway (no loading.tsx). A click still navigates client-side. */}
          <Link href={href} prefetch={false} className="hover:underline">
            {highlights ? <span dangerouslySetInnerHTML={{ __html: highlights.titleHtml }} /> : <RichText text={paper.title} />}
          </Link>
        </h2>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
          {authors && (
            <>
              <span title={paper.authors.join(", ") || undefined}>{authors}</span>
              <span aria-hidden> · </span>
            </>
          )}
          <time dateTime={paper.publishedAt.slice(0, 10)}>Published {formatDay(paper.publishedAt)}</time>
          {paper.submittedBy && (
            <>
              <span aria-hidden> · </span>
              <span>Submitted by {paper.submittedBy}</span>
            </>
          )}
          {paper.numComments > 0 && (
            <>
              <span aria-hidden> · </span>
              <Link href={`${href}#comments`} prefetch={false} className="hover:underline">
                {paper.numComments} {paper.numComments === 1 ? "comment" : "comments"}
              </Link>
            </>
          )}
          {paper.links.code && (
            <>
              <span aria-hidden> · </span>
              <a href={paper.links.code} rel="nofollow noopener" className="font-medium text-gray-700 hover:underline dark:text-gray-300">
                Code
              </a>
            </>
          )}
        </p>
        {highlights ? (
          <p
            className="mt-2 break-words text-sm leading-relaxed text-gray-700 dark:text-gray-300"
            dangerouslySetInnerHTML={{ __html: highlights.snippetHtml }}
          />
        ) : (
          <RichText as="p" text={excerpt(paper.abstract)} className="mt-2 break-words text-sm leading-relaxed text-gray-700 dark:text-gray-300" />
        )}
        {paper.categories.length > 0 && (
          <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Categories">
            {paper.categories.slice(0, 4).map((category) => (
              <li key={category}>
                <CategoryChip category={category} href={filtered(category)} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
