"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useId, useRef, useState } from "react";
import { authorSearchHref, paperHref } from "@/lib/papers/urls";
import { formatAuthors, formatDay } from "@/lib/text/format";

type Suggestion = { id: string; title: string; byline: string };
type Suggestions = { papers: Suggestion[]; authors: string[] };
type ApiPaper = { id: string; title: string; authors: Array<{ name: string }>; authorCount: number; publishedAt: string };

const DEBOUNCE_MS = 200;
const MAX_AUTHORS = 3;
const NO_SUGGESTIONS: Suggestions = { papers: [], authors: [] };

const folded = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** The suggested papers' authors whose names hold every word typed ("vaswani" → Ashish Vaswani), first seen first. */
function matchingAuthors(papers: ApiPaper[], query: string): string[] {
  const words = folded(query)
    .split(/\s+/)
    .filter((word) => word.length >= 2);
  if (words.length === 0) return [];
  const names = new Set(papers.flatMap((paper) => paper.authors.map((author) => author.name)));
  return [...names].filter((name) => words.every((word) => folded(name).includes(word))).slice(0, MAX_AUTHORS);
}

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
 * as you type after a short pause, in groups: papers with their first authors and day, the
 * authors whose names match what was typed (each leading to a search for their papers), then a
 * "Search for …" row for all results. Only the answer to the latest request is shown: each new keystroke
 * aborts the request before it. Arrow keys move through the rows, Enter opens the chosen paper
 * (or searches), Escape closes the list.
 */
function SearchBox({ initialQuery = "" }: { initialQuery?: string }) {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState(initialQuery);
  // Suggestions answer typing, not the query a page opened with.
  const [typed, setTyped] = useState(false);
  const [fetched, setSuggestions] = useState<Suggestions>(NO_SUGGESTIONS);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const inflight = useRef<AbortController | null>(null);
  // Under two letters nothing is asked for, and what was fetched before is not shown.
  const { papers, authors } = typed && query.trim().length >= 2 ? fetched : NO_SUGGESTIONS;

  useEffect(() => {
    const q = query.trim();
    if (!typed || q.length < 2) return;
    const timer = setTimeout(async () => {
      inflight.current?.abort();
      const controller = new AbortController();
      inflight.current = controller;
      try {
        const response = await fetch(`/api/papers/search?limit=6&q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!response.ok) return setSuggestions(NO_SUGGESTIONS);
        const found = ((await response.json()) as Array<{ paper: ApiPaper }>).map((entry) => entry.paper);
        setSuggestions({
          papers: found.map((paper) => ({
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
          authors: matchingAuthors(found, q),
        });
        setActive(-1);
        setOpen(true);
      } catch {
        // Aborted by a newer keystroke, or offline: the form still works.
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, typed]);

  // The papers, the authors, then the row that searches for what was typed: one run of rows for the arrow keys.
  const targets = [...papers.map((paper) => paperHref(paper.id)), ...authors.map(authorSearchHref)];
  const rows = targets.length;
  const searchRow = rows;
  const choose = (index: number) => {
    setOpen(false);
    router.push(index === searchRow ? `/search?${new URLSearchParams({ q: query.trim() })}` : targets[index]!);
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
    // Below 1024 px the suggestions hang from the header's row (lg:relative), as wide as the screen allows.
    <form action="/search" role="search" className="min-w-0 flex-1 sm:max-w-sm lg:relative">
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
        // Under the box and as wide as titles need (36rem) on wide screens; across the header, inside the screen, below.
        <div
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute inset-x-2 top-full z-20 mt-1 overflow-hidden lg:inset-x-auto lg:left-0 lg:w-[36rem] lg:min-w-full rounded-md border border-gray-200 bg-white shadow-lg dark:border-gray-800 dark:bg-gray-900"
        >
          {papers.length > 0 && (
            <SuggestionGroup id={`${listId}-papers`} label="Papers">
              {papers.map((paper, index) => (
                <div key={paper.id} id={`${listId}-${index}`} role="option" aria-selected={index === active} onMouseDown={onPick(index)} className={row(index)}>
                  <span className="line-clamp-2 font-medium">{paper.title}</span>
                  {paper.byline && <span className="mt-0.5 block truncate text-xs text-gray-600 dark:text-gray-400">{paper.byline}</span>}
                </div>
              ))}
            </SuggestionGroup>
          )}
          {authors.length > 0 && (
            <SuggestionGroup id={`${listId}-authors`} label="Authors">
              {authors.map((name, offset) => {
                const index = papers.length + offset;
                return (
                  <div key={name} id={`${listId}-${index}`} role="option" aria-selected={index === active} onMouseDown={onPick(index)} className={row(index)}>
                    Papers by <span className="font-medium">{name}</span>
                  </div>
                );
              })}
            </SuggestionGroup>
          )}
          <div
            id={`${listId}-${searchRow}`}
            role="option"
            aria-selected={active === searchRow}
            onMouseDown={onPick(searchRow)}
            className={`${row(searchRow)} border-t border-gray-200 dark:border-gray-800`}
          >
            Search for “<span className="font-semibold">{query.trim()}</span>” →
          </div>
        </div>
      )}
    </form>
  );
}

/** A labelled group of suggestions; the label is seen, and named to screen readers as the group's name. */
function SuggestionGroup({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div role="group" aria-labelledby={id}>
      <div id={id} role="presentation" className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-gray-600 dark:text-gray-400">
        {label}
      </div>
      {children}
    </div>
  );
}
