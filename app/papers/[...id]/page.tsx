import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { RichText } from "@/components/rich-text";
import { CommentSection } from "@/components/comments/comment-section";
import { HidePaperButton } from "@/components/hide-paper-button";
import { AdminOnly } from "@/components/viewer/admin-only";
import { UpvoteButton } from "@/components/upvote-button";
import { listComments } from "@/lib/comments/comments";
import { relatedPapers } from "@/lib/search/related";
import { getDatabase } from "@/lib/db/database";
import { NotFoundError } from "@/lib/errors";
import { dayPeriod } from "@/lib/papers/period";
import { canonicalPaperId } from "@/lib/papers/identity";
import { getPaper } from "@/lib/papers/queries";
import { paperHref, periodHref } from "@/lib/papers/urls";
import { formatDay } from "@/lib/text/format";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string[] }>;

async function loadPaper(params: Params) {
  const id = (await params).id.join("/");
  // One address per paper: /papers/2312.00752v2 and /papers/arXiv:2312.00752 lead to /papers/2312.00752.
  if (canonicalPaperId(id) !== id) permanentRedirect(paperHref(canonicalPaperId(id)));
  try {
    return await getPaper(getDatabase(), id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const paper = await loadPaper(params);
  return { title: paper.title, description: paper.abstract.slice(0, 200) };
}

export default async function PaperPage({ params }: { params: Params }) {
  const paper = await loadPaper(params);
  const db = getDatabase();
  const [comments, related] = await Promise.all([listComments(db, paper.id), relatedPapers(db, paper)]);
  const signInHref = `/sign-in?next=${encodeURIComponent(paperHref(paper.id))}`;
  const feedDay = dayPeriod(new Date(paper.feedDate));
  const links = [
    ["arXiv", paper.links.arxiv],
    ["PDF", paper.links.pdf],
    ["Code", paper.links.code],
    ["Project page", paper.links.project],
    ["Markdown", `${paperHref(paper.id)}.md`],
  ].filter((link): link is [string, string] => Boolean(link[1]));

  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <Link href={periodHref(feedDay)} className="text-sm text-gray-500 hover:underline dark:text-gray-400">
        ← Daily Papers of {formatDay(feedDay.start)}
      </Link>
      {paper.hidden && (
        <p
          role="status"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          An admin has hidden this paper from the feed.
        </p>
      )}
      <div className="flex gap-4">
        <UpvoteButton paperId={paper.id} upvotes={paper.upvotes} large />
        <div className="min-w-0">
          <h1 className="text-2xl font-bold leading-tight tracking-tight sm:text-3xl">
            <RichText text={paper.title} />
          </h1>
          <p className="mt-2 text-sm text-gray-500 dark:text-gray-400">
            Published {formatDay(paper.publishedAt)}
            {paper.arxivId && <> · arXiv:{paper.arxivId}</>}
          </p>
        </div>
      </div>
      <section aria-label="Authors" className="text-sm">
        {paper.authors.length > 0 ? (
          <ul className="flex flex-wrap gap-x-1 text-gray-800 dark:text-gray-200">
            {paper.authors.map((name, index) => (
              <li key={`${index}-${name}`}>
                {name}
                {index < paper.authors.length - 1 && ","}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-gray-600 dark:text-gray-400">
            {paper.authorCount} {paper.authorCount === 1 ? "author" : "authors"}
          </p>
        )}
      </section>
      {links.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Links">
          {links.map(([label, href]) => (
            <li key={label}>
              <a
                href={href}
                rel="noopener noreferrer"
                className="inline-block rounded-md border border-gray-200 px-3 py-1.5 text-sm font-medium hover:bg-gray-50 dark:border-gray-800 dark:hover:bg-gray-900"
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="abstract-heading">
        <h2 id="abstract-heading" className="text-lg font-semibold">
          Abstract
        </h2>
        <RichText as="p" text={paper.abstract || "No abstract."} className="mt-2 break-words leading-relaxed text-gray-800 dark:text-gray-200" />
      </section>
      {paper.categories.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Categories">
          {paper.categories.map((category) => (
            <li key={category} className="rounded bg-gray-100 px-2 py-0.5 text-xs text-gray-600 dark:bg-gray-800 dark:text-gray-300">
              {category}
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm text-gray-500 dark:text-gray-400">
        In the feed on {formatDay(paper.feedDate)}
        {paper.submittedBy && (
          <>
            , submitted by <span className="font-medium text-gray-700 dark:text-gray-300">{paper.submittedBy}</span>
          </>
        )}
        .
      </p>
      <AdminOnly>
        <div className="flex flex-wrap items-center gap-3 rounded-lg bg-gray-50 p-3 text-sm dark:bg-gray-900">
          <span className="font-medium">Admin</span>
          <HidePaperButton paperId={paper.id} hidden={paper.hidden} />
        </div>
      </AdminOnly>
      {related.length > 0 && (
        <section aria-labelledby="related-heading" className="space-y-2 border-t border-gray-200 pt-6 dark:border-gray-800">
          <h2 id="related-heading" className="text-lg font-semibold">
            Related papers
          </h2>
          <ul className="space-y-2">
            {related.map((item) => (
              <li key={item.id} className="flex items-baseline gap-2 text-sm">
                <span className="w-8 shrink-0 text-right tabular-nums text-gray-500 dark:text-gray-400" aria-label={`${item.upvotes} upvotes`}>
                  ▲{item.upvotes}
                </span>
                <Link href={paperHref(item.id)} className="hover:underline">
                  <RichText text={item.title} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <CommentSection paperId={paper.id} comments={comments} signInHref={signInHref} />
    </article>
  );
}
