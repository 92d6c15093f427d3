"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { ViewerAnswer } from "@/lib/viewer/viewer";

// The page's HTML is the same for everyone; this asks /api/viewer who is looking and which of the
// page's papers they upvoted, once the page has loaded (and again only for papers it has not
// asked about, after a client-side navigation). Until the answer is in, `known` is false and
// every control that depends on it looks neutral.

export type ViewerUser = NonNullable<ViewerAnswer["user"]>;
export type ViewerState = { known: false } | { known: true; user: ViewerUser | null; upvoted: ReadonlySet<string> };

type ViewerContextValue = {
  state: ViewerState;
  /** Asks about this paper too (batched with every other card that mounts at the same time). */
  watch(paperId: string): void;
  /** A vote the reader just made, so every control for the paper agrees. */
  setUpvoted(paperId: string, upvoted: boolean): void;
};

const ViewerContext = createContext<ViewerContextValue>({ state: { known: false }, watch: () => {}, setUpvoted: () => {} });

// Comfortably under any server's request-line limit, however long the ids (title slugs).
const MAX_QUERY_CHARACTERS = 4_000;

/** Splits ids into `papers=` parameters of bounded length. */
function batches(ids: string[]): string[] {
  const out: string[] = [];
  let current = "";
  for (const id of ids.map(encodeURIComponent)) {
    if (current && current.length + id.length + 1 > MAX_QUERY_CHARACTERS) {
      out.push(current);
      current = "";
    }
    current = current ? `${current},${id}` : id;
  }
  return [...out, current];
}

export function ViewerProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<ViewerState>({ known: false });
  const asked = useRef(new Set<string>());
  const waiting = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const ask = useCallback(() => {
    timer.current = null;
    const ids = [...waiting.current];
    waiting.current.clear();
    for (const id of ids) asked.current.add(id);
    for (const papers of batches(ids)) {
      fetch(`/api/viewer?papers=${papers}`, { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<ViewerAnswer>) : Promise.reject(new Error(`viewer ${response.status}`))))
        .then(
          (answer) =>
            setState((previous) => ({
              known: true,
              user: answer.user,
              upvoted: new Set([...(previous.known ? previous.upvoted : []), ...answer.upvoted]),
            })),
          // Unknown stays unknown: neutral controls, links to sign in, rather than a guess.
          () => ids.forEach((id) => asked.current.delete(id)),
        );
    }
  }, []);

  const schedule = useCallback(() => {
    if (timer.current === null) timer.current = setTimeout(ask, 0);
  }, [ask]);

  const watch = useCallback(
    (paperId: string) => {
      if (asked.current.has(paperId) || waiting.current.has(paperId)) return;
      waiting.current.add(paperId);
      schedule();
    },
    [schedule],
  );

  const setUpvoted = useCallback((paperId: string, upvoted: boolean) => {
    setState((previous) => {
      if (!previous.known) return previous;
      const next = new Set(previous.upvoted);
      if (upvoted) next.add(paperId);
      else next.delete(paperId);
      return { ...previous, upvoted: next };
    });
  }, []);

  // At least once per page load, for the header, even on a page without papers.
  useEffect(() => schedule(), [schedule]);

  const value = useMemo(() => ({ state, watch, setUpvoted }), [state, watch, setUpvoted]);
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

/** Who is looking (`known: false` until the answer is in). */
export function useViewer(): ViewerState {
  return useContext(ViewerContext).state;
}

/** The viewer's relation to one paper: unknown, signed out, or signed in with the vote. */
export function usePaperViewer(paperId: string): { status: "unknown" | "signed-out" | "signed-in"; upvoted: boolean; setUpvoted(upvoted: boolean): void } {
  const { state, watch, setUpvoted } = useContext(ViewerContext);
  useEffect(() => {
    watch(paperId);
  }, [watch, paperId]);
  const status = !state.known ? "unknown" : state.user ? "signed-in" : "signed-out";
  return { status, upvoted: state.known && state.upvoted.has(paperId), setUpvoted: (upvoted) => setUpvoted(paperId, upvoted) };
}
