import { headers } from "next/headers";
import Link from "next/link";
import { PAGE_PATH_HEADER } from "@/lib/http/page-path";
import { normalizeArxivId } from "@/lib/papers/identity";

/** The arXiv id a missing paper's address names (/papers/2501.01234, /papers/hep-th/9901001), if it names one. */
function arxivIdAsked(path: string | null): string | null {
  const match = path ? /^\/papers\/(.+)$/.exec(path) : null;
  if (!match) return null;
  try {
    return normalizeArxivId(decodeURIComponent(match[1]!));
  } catch {
    return null;
  }
}

/** A paper that is not here: when its address is an arXiv id, offer to add it. */
export default async function PaperNotFound() {
  const arxivId = arxivIdAsked((await headers()).get(PAGE_PATH_HEADER));
  const button = "inline-block rounded-md px-4 py-2 text-sm font-medium";
  return (
    <section className="mx-auto mt-10 max-w-xl text-center">
      <h1 className="text-2xl font-semibold">{arxivId ? `arXiv:${arxivId} is not in Daily Papers yet` : "Not found"}</h1>
      <p className="mt-2 text-gray-600 dark:text-gray-400">
        {arxivId ? "Submit it to add it to today's papers, with its title, authors and abstract from arXiv." : "There is no paper at this address."}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {arxivId && (
          <>
            <Link href={`/submit?${new URLSearchParams({ id: arxivId })}`} className={`${button} bg-gray-900 text-white dark:bg-gray-100 dark:text-gray-900`}>
              Submit arXiv:{arxivId}
            </Link>
            <a href={`https://arxiv.org/abs/${arxivId}`} rel="noopener noreferrer" className={`${button} border border-gray-300 dark:border-gray-700`}>
              Read it on arXiv
            </a>
          </>
        )}
        <Link
          href="/"
          className={`${button} ${arxivId ? "border border-gray-300 dark:border-gray-700" : "bg-gray-900 text-white dark:bg-gray-100 dark:text-gray-900"}`}
        >
          Today&apos;s papers
        </Link>
      </div>
    </section>
  );
}
