"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useId, useRef, useState } from "react";
import { paperHref } from "@/lib/papers/urls";
import { formatAuthors, formatDay } from "@/lib/text/format";

type Suggestion = { id: string; title: string; byline: string };
type ApiPaper = { id: string; title: string; authors: Array<{ name: string }>; authorCount: number; publishedAt: string };

const DEBOUNCE_MS = 200;

/** The header's search box; on /search it holds that page's query, so it can be changed in place. */
export function HeaderSearchBox() {
  // Pages rendered ahead of time have no query string: the empty box stands in for them.
  return (
    <Suspense fallback={<SearchBox />}>
      <SearchBoxForPage />
    </Suspense>
  );
}

function SearchBoxForPage() {
  const query = useSearchParams().get("q") ?? "";
  const onSearchPage = usePathname() === "/search";
  // A new key when the page's query changes starts the box afresh with it.
  return <SearchBox key={onSearchPage ? query : ""} initialQuery={onSearchPage ? query : ""} />;
}

/**
 * The search form: a plain GET form to /search (works without JavaScript), plus suggestions
 * as you type after a short pause: papers with their first authors and day, then a "Search for
 * …" row for all results. Only the answer to the latest request is shown: each new keystroke
 * aborts the request before it. Arrow keys move through the rows, Enter opens the chosen paper
 * (or searches), Escape closes the list.
 */
function SearchBox({ initialQuery = "" }: { initialQuery?: string }) {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState(initialQuery);
  // Suggestions answer typing, not the query a page opened with.
  const [typed, setTyped] = useState(false);
  const [fetched, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const inflight = useRef<AbortController | null>(null);
  // Under two letters nothing is asked for, and what was fetched before is not shown.
  const suggestions = typed && query.trim().length >= 2 ? fetched : [];

  useEffect(() => {
    const q = query.trim();
    if (!typed || q.length < 2) return;
    const timer = setTimeout(async () => {
      inflight.current?.abort();
      const controller = new AbortController();
      inflight.current = controller;
      try {
        const response = await fetch(`/api/papers/search?limit=6&q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!response.ok) return setSuggestions([]);
        const entries = (await response.json()) as Array<{ paper: ApiPaper }>;
        setSuggestions(
          entries.map(({ paper }) => ({
            id: paper.id,
            title: paper.title,
            byline: [
              formatAuthors(
                paper.authors.map((author) => author.name),
                paper.authorCount,
              ),
              formatDay(paper.publishedAt),
            ]
              .filter(Boolean)
              .join(" · "),
          })),
        );
        setActive(-1);
        setOpen(true);
      } catch {
        // Aborted by a newer keystroke, or offline: the form still works.
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, typed]);

  // The papers, then the row that searches for what was typed: one list for the arrow keys.
  const rows = suggestions.length;
  const searchRow = rows;
  const searchFor = () => router.push(`/search?${new URLSearchParams({ q: query.trim() })}`);
  const choose = (index: number) => {
    setOpen(false);
    if (index === searchRow) searchFor();
    else router.push(paperHref(suggestions[index]!.id));
  };

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && rows > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % (rows + 1));
    } else if (event.key === "ArrowUp" && rows > 0) {
      event.preventDefault();
      setActive((index) => (index <= 0 ? rows : index - 1));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(active);
    }
  }

  const expanded = open && rows > 0;
  const row = (index: number) =>
    `cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-amber-100 dark:bg-amber-900" : "hover:bg-gray-50 dark:hover:bg-gray-800"}`;
  const onPick = (index: number) => (event: React.MouseEvent) => {
    // Before the input's blur closes the list.
    event.preventDefault();
    choose(index);
  };
  return (
    <form action="/search" role="search" className="relative min-w-0 flex-1 sm:max-w-sm">
      <input
        type="search"
        name="q"
        value={query}
        maxLength={250}
        onChange={(event) => {
          setQuery(event.target.value);
          setTyped(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        placeholder="Search papers"
        aria-label="Search papers"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        className="w-full rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm dark:border-gray-700 dark:bg-gray-900"
      />
      {expanded && (
        // As wide as titles need (up to 36rem), never wider than the screen.
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute left-0 top-full z-20 mt-1 w-[min(36rem,calc(100vw-2rem))] min-w-full overflow-hidden rounded-md border border-gray-200 bg-white shadow-lg dark:border-gray-800 dark:bg-gray-900"
        >
          {suggestions.map((suggestion, index) => (
            <li key={suggestion.id} id={`${listId}-${index}`} role="option" aria-selected={index === active} onMouseDown={onPick(index)} className={row(index)}>
              <span className="line-clamp-2 font-medium">{suggestion.title}</span>
              {suggestion.byline && <span className="mt-0.5 block truncate text-xs text-gray-600 dark:text-gray-400">{suggestion.byline}</span>}
            </li>
          ))}
          <li
            id={`${listId}-${searchRow}`}
            role="option"
            aria-selected={active === searchRow}
            onMouseDown={onPick(searchRow)}
            className={`${row(searchRow)} border-t border-gray-200 dark:border-gray-800`}
          >
            Search for “<span className="font-semibold">{query.trim()}</span>” →
          </li>
        </ul>
      )}
    </form>
  );
}
