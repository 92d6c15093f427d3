"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useId, useRef, useState } from "react";
import { paperHref } from "@/lib/papers/urls";

type Suggestion = { id: string; title: string };

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
 * as you type after a short pause. Only the answer to the latest request is shown: each new
 * keystroke aborts the request before it. Arrow keys move through the suggestions, Enter opens
 * the chosen paper (or searches), Escape closes the list.
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
        const entries = (await response.json()) as Array<{ paper: Suggestion }>;
        setSuggestions(entries.map((entry) => ({ id: entry.paper.id, title: entry.paper.title })));
        setActive(-1);
        setOpen(true);
      } catch {
        // Aborted by a newer keystroke, or offline: the form still works.
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, typed]);

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % suggestions.length);
    } else if (event.key === "ArrowUp" && suggestions.length > 0) {
      event.preventDefault();
      setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      setOpen(false);
      router.push(paperHref(suggestions[active]!.id));
    }
  }

  const expanded = open && suggestions.length > 0;
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
        <ul
          id={listId}
          role="listbox"
          className="absolute left-0 right-0 top-full z-20 mt-1 overflow-hidden rounded-md border border-gray-200 bg-white shadow-lg dark:border-gray-800 dark:bg-gray-900"
        >
          {suggestions.map((suggestion, index) => (
            <li
              key={suggestion.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                router.push(paperHref(suggestion.id));
                setOpen(false);
              }}
              className={`cursor-pointer truncate px-3 py-2 text-sm ${index === active ? "bg-amber-100 dark:bg-amber-900" : "hover:bg-gray-50 dark:hover:bg-gray-800"}`}
            >
              {suggestion.title}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
