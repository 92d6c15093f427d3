import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { CategoryChip } from "@/components/category-chip";
import { CopyButton } from "@/components/copy-button";
import { RichText } from "@/components/rich-text";
import { CommentSection } from "@/components/comments/comment-section";
import { HidePaperButton } from "@/components/hide-paper-button";
import { AdminOnly } from "@/components/viewer/admin-only";
import { UpvoteButton } from "@/components/upvote-button";
import { listComments } from "@/lib/comments/comments";
import { relatedPapers } from "@/lib/search/related";
import { getDatabase } from "@/lib/db/database";
import { readEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { dayPeriod } from "@/lib/papers/period";
import { canonicalPaperId } from "@/lib/papers/identity";
import { toBibtex } from "@/lib/papers/bibtex";
import { getPaper, rankOfTheDay } from "@/lib/papers/queries";
import { listUpvoters } from "@/lib/papers/upvotes";
import { authorSearchHref, feedHref, paperHref, periodHref } from "@/lib/papers/urls";
import { formatDay } from "@/lib/text/format";

export const dynamic = "force-dynamic";

// Hugging Face marks a day's top papers; further down the list a rank says little.
const RANKS_SHOWN = 10;
const UPVOTERS_SHOWN = 12;

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

/** "Ana, Bo and 3 others": the first names of those who upvoted here, then how many more. */
function upvotersText({ names, total }: { names: string[]; total: number }): string {
  const more = total - names.length;
  if (more > 0) return `${names.join(", ")} and ${more} ${more === 1 ? "other" : "others"}`;
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

export default async function PaperPage({ params }: { params: Params }) {
  const paper = await loadPaper(params);
  const db = getDatabase();
  const [comments, related, rank, upvoters] = await Promise.all([
    listComments(db, paper.id),
    relatedPapers(db, paper),
    rankOfTheDay(db, paper),
    listUpvoters(db, { paperId: paper.id, limit: UPVOTERS_SHOWN }),
  ]);
  const signInHref = `/sign-in?next=${encodeURIComponent(paperHref(paper.id))}`;
  const feedDay = dayPeriod(new Date(paper.feedDate));
  const { APP_URL } = readEnv();
  // Not the request's origin: the page is shared by everyone, whatever Host a request sent.
  const bibtex = toBibtex(paper, APP_URL ? new URL(paperHref(paper.id), APP_URL).href : null);
  const links = [
    ["arXiv", paper.links.arxiv],
    ["PDF", paper.links.pdf],
    ["Code", paper.links.code],
    ["Project page", paper.links.project],
    ["Markdown", `${paperHref(paper.id)}.md`],
  ].filter((link): link is [string, string] => Boolean(link[1]));

  return (
    <article className="mx-auto max-w-3xl space-y-6 lg:max-w-6xl">
      <Link href={periodHref(feedDay)} className="text-sm text-gray-600 hover:underline dark:text-gray-400">
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
          {rank !== null && rank <= RANKS_SHOWN && (
            <Link
              href={feedHref(periodHref(feedDay), { sort: "upvotes" })}
              className="mb-2 inline-block rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900 hover:underline dark:bg-amber-950 dark:text-amber-200"
            >
              #{rank} Paper of the day
            </Link>
          )}
          <h1 className="text-2xl font-bold leading-tight tracking-tight sm:text-3xl">
            <RichText text={paper.title} />
          </h1>
          <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">
            Published {formatDay(paper.publishedAt)}
            {paper.arxivId && <> · arXiv:{paper.arxivId}</>}
          </p>
        </div>
      </div>
      <div className={related.length > 0 ? "space-y-6 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-10 lg:space-y-0" : "max-w-3xl"}>
        <div className="min-w-0 space-y-6">
          {paper.authors.length > 0 ? (
            <section aria-label="Authors" className="text-sm">
              <ul className="flex flex-wrap gap-x-1 text-gray-800 dark:text-gray-200">
                {paper.authors.map((name, index) => (
                  <li key={`${index}-${name}`}>
                    <Link href={authorSearchHref(name)} title={`Search for papers by ${name}`} className="hover:underline">
                      {name}
                    </Link>
                    {index < paper.authors.length - 1 && ","}
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            // Only a count from the source: said plainly, or nothing at all when there is none.
            paper.authorCount > 0 && (
              <p className="text-sm text-gray-600 dark:text-gray-400">
                {paper.authorCount} {paper.authorCount === 1 ? "author" : "authors"}
              </p>
            )
          )}
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
                <li key={category}>
                  <CategoryChip category={category} href={feedHref(periodHref(feedDay), { category })} />
                </li>
              ))}
            </ul>
          )}
          <p className="text-sm text-gray-600 dark:text-gray-400">
            In the feed on {formatDay(paper.feedDate)}
            {paper.submittedBy && (
              <>
                , submitted by <span className="font-medium text-gray-700 dark:text-gray-300">{paper.submittedBy}</span>
              </>
            )}
            .{upvoters.total > 0 && <> Upvoted here by {upvotersText(upvoters)}.</>}
          </p>
          <details className="group rounded-lg border border-gray-200 text-sm dark:border-gray-800">
            <summary className="cursor-pointer select-none px-3 py-2 font-medium">Cite this paper (BibTeX)</summary>
            <div className="space-y-2 border-t border-gray-200 p-3 dark:border-gray-800">
              <pre className="overflow-x-auto whitespace-pre rounded bg-gray-50 p-3 text-xs leading-relaxed dark:bg-gray-900">{bibtex}</pre>
              <CopyButton text={bibtex} label="Copy BibTeX" />
            </div>
          </details>
          <AdminOnly>
            <div className="flex flex-wrap items-center gap-3 rounded-lg bg-gray-50 p-3 text-sm dark:bg-gray-900">
              <span className="font-medium">Admin</span>
              <HidePaperButton paperId={paper.id} hidden={paper.hidden} />
            </div>
          </AdminOnly>
          <CommentSection paperId={paper.id} comments={comments} signInHref={signInHref} />
        </div>
        {related.length > 0 && (
          <aside aria-labelledby="related-heading" className="space-y-2 border-t border-gray-200 pt-6 lg:border-t-0 lg:pt-0 dark:border-gray-800">
            <h2 id="related-heading" className="text-lg font-semibold">
              Related papers
            </h2>
            <ul className="space-y-2">
              {related.map((item) => (
                <li key={item.id} className="flex items-baseline gap-2 text-sm">
                  <span className="w-8 shrink-0 text-right tabular-nums text-gray-600 dark:text-gray-400" aria-label={`${item.upvotes} upvotes`}>
                    ▲{item.upvotes}
                  </span>
                  <Link href={paperHref(item.id)} className="hover:underline">
                    <RichText text={item.title} />
                  </Link>
                </li>
              ))}
            </ul>
          </aside>
        )}
      </div>
    </article>
  );
}
