import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { PaperList } from "@/components/paper-list";
import { getDatabase } from "@/lib/db/database";
import type { CategoryCount } from "@/lib/db/store";
import { describeZodError } from "@/lib/http/error-response";
import { categoryCounts } from "@/lib/papers/categories";
import { isArxivCategory } from "@/lib/papers/identity";
import { limitSearch } from "@/lib/rate-limit/http";
import { RateLimitedError } from "@/lib/rate-limit/rate-limit";
import { searchParamsSchema } from "@/lib/search/params";
import { SEARCH_MAX_WORDS } from "@/lib/search/query";
import { searchPapers } from "@/lib/search/search";
import { feedAlternates } from "../_feed/feed-alternates";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const PAGE_SIZE = 20;
const schema = searchParamsSchema({ maxLimit: PAGE_SIZE, defaultLimit: PAGE_SIZE });
const SORTS = [
  ["relevance", "Relevance"],
  ["upvotes", "Upvotes"],
  ["newest", "Newest"],
] as const;

/** The database's categories by name, and the one asked for even when no paper has it (so the choice shows it). */
function categoryChoices(counts: CategoryCount[], asked: string | undefined): CategoryCount[] {
  const choices = [...counts];
  if (asked && isArxivCategory(asked) && !counts.some((count) => count.category === asked)) choices.push({ category: asked, papers: 0 });
  return choices.sort((a, b) => a.category.localeCompare(b.category));
}

function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : Array.isArray(value) && value[0] ? [[key, value[0]]] : [])),
  );
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const values = firstValues(await searchParams);
  const { q } = values;
  if (!q) return { title: "Search" };
  const { p: _page, ...feedQuery } = values;
  return {
    title: `“${q.slice(0, 60)}”`,
    alternates: feedAlternates({ pagePath: "/search", query: new URLSearchParams(feedQuery).toString(), title: `Search: ${q.slice(0, 60)}` }),
  };
}

/** /search?q=&from=&to=&category=&sort=&p= — a mistyped parameter is explained, never an error page. */
export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = firstValues(await searchParams);
  const parsed = schema.safeParse(raw);
  const categories = await categoryCounts(getDatabase());
  const href = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams({ ...raw, ...changes } as Record<string, string>);
    for (const [key, value] of [...next]) if (!value || value === "undefined") next.delete(key);
    return `/search?${next}`;
  };
  const field = "rounded-md border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-700 dark:bg-gray-900";

  const filters = (
    <form action="/search" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filters">
      <input type="hidden" name="q" value={raw.q ?? ""} />
      <label className="flex flex-col gap-1">
        From <input type="date" name="from" defaultValue={raw.from} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        To <input type="date" name="to" defaultValue={raw.to} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        Category
        <select name="category" defaultValue={raw.category ?? ""} className={`${field} max-w-56`}>
          <option value="">All categories</option>
          {categoryChoices(categories, raw.category).map(({ category, papers }) => (
            <option key={category} value={category}>
              {`${category} (${papers.toLocaleString("en-US")})`}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Sort
        <select name="sort" defaultValue={raw.sort ?? "relevance"} className={field}>
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-gray-900 px-3 py-1.5 font-medium text-white dark:bg-gray-100 dark:text-gray-900">
        Apply
      </button>
    </form>
  );

  const refusal = (message: string) => (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Search</h1>
      {filters}
      <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
        {message}
      </p>
    </div>
  );

  if (!parsed.success) return refusal(describeZodError(parsed.error));
  const params = parsed.data;
  const query = params.q.trim();
  if (query) {
    // The page and GET /api/papers/search spend one per-address budget: scripting either is the same load.
    try {
      await limitSearch(getDatabase(), await headers());
    } catch (error) {
      if (error instanceof RateLimitedError) return refusal(error.message);
      throw error;
    }
  }
  const results = query
    ? await searchPapers(getDatabase(), {
        q: params.q,
        filters: { from: params.from, before: params.before, category: params.category },
        sort: params.sort,
        page: params.p,
        limit: PAGE_SIZE,
      })
    : null;
  const pages = results ? Math.ceil(results.total / PAGE_SIZE) : 0;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{query ? <>Results for “{results?.query}”</> : "Search"}</h1>
        {results && (
          <p className="mt-1 text-gray-600 dark:text-gray-400">
            {results.total.toLocaleString("en-US")}
            {results.totalIsLowerBound ? "+" : ""} {results.total === 1 ? "paper" : "papers"}
          </p>
        )}
      </div>
      {filters}
      {results?.correctedFrom && (
        <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
          Nothing matched “{results.correctedFrom}”; showing results for “<strong>{results.query}</strong>” instead.
        </p>
      )}
      {results && results.ignoredWords.length > 0 && (
        <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
          {`Only the first ${SEARCH_MAX_WORDS} words are searched; left out: ${results.ignoredWords.join(" ")}.`}
        </p>
      )}
      {results && results.commonWords.length > 0 && (
        <p className="text-sm text-gray-600 dark:text-gray-400">
          Found in most papers, so not required: {results.commonWords.join(", ")} (they still rank and highlight the results).
        </p>
      )}
      {results?.suggestion && (
        <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
          Did you mean{" "}
          <Link href={href({ q: results.suggestion, p: undefined })} className="font-semibold underline">
            {results.suggestion}
          </Link>
          ?
        </p>
      )}
      {!query ? (
        <p className="text-gray-600 dark:text-gray-400">
          Type words to find papers by title, author or abstract. Use “quotes” for a phrase and -word to leave a word out.
        </p>
      ) : results && results.hits.length > 0 ? (
        <PaperList
          papers={results.hits.map((hit) => hit.paper)}
          categoryHref={(category) => href({ category, p: undefined })}
          columns={1}
          highlights={new Map(results.hits.map((hit) => [hit.paper.id, { titleHtml: hit.titleHtml, snippetHtml: hit.snippetHtml }]))}
        />
      ) : (
        <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center text-gray-500 dark:border-gray-700 dark:text-gray-400">
          No papers match.
        </p>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-center gap-4 text-sm">
          {params.p > 0 && (
            <Link href={href({ p: String(params.p - 1) })} className="hover:underline">
              ← Previous
            </Link>
          )}
          <span className="text-gray-500 dark:text-gray-400">
            Page {params.p + 1} of {pages}
          </span>
          {params.p + 1 < pages && (
            <Link href={href({ p: String(params.p + 1) })} className="hover:underline">
              Next →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
