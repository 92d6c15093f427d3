"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { UpvoteState } from "@/lib/papers/upvotes";
import type { ViewerAnswer } from "@/lib/viewer/viewer";

// The page's HTML is the same for everyone; this asks /api/viewer who is looking, which of the
// page's papers they upvoted and how many upvotes those have now, once the page has loaded (and
// again only for papers it has not asked about, after a client-side navigation). Until the
// answer is in, `known` is false and every control that depends on it looks neutral.
//
// The counts matter because the page may be a copy from just before a vote, served while it
// renders again (lib/http/response-cache.ts). A client-side navigation brings a page rendered
// for it, fresher than counts asked for on an earlier page, so those are forgotten then.

export type ViewerUser = NonNullable<ViewerAnswer["user"]>;
export type ViewerState = { known: false } | { known: true; user: ViewerUser | null; upvoted: ReadonlySet<string>; upvotes: ReadonlyMap<string, number> };

type ViewerContextValue = {
  state: ViewerState;
  /** Asks about this paper too (batched with every other card that mounts at the same time). */
  watch(paperId: string): void;
  /** A vote the reader just made, as the server answered it, so every control for the paper agrees. */
  setVote(paperId: string, vote: UpvoteState): void;
};

const ViewerContext = createContext<ViewerContextValue>({ state: { known: false }, watch: () => {}, setVote: () => {} });

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
              upvotes: new Map([...(previous.known ? previous.upvotes : []), ...Object.entries(answer.upvotes)]),
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

  const setVote = useCallback((paperId: string, vote: UpvoteState) => {
    setState((previous) => {
      if (!previous.known) return previous;
      const upvoted = new Set(previous.upvoted);
      if (vote.upvoted) upvoted.add(paperId);
      else upvoted.delete(paperId);
      return { ...previous, upvoted, upvotes: new Map(previous.upvotes).set(paperId, vote.upvotes) };
    });
  }, []);

  // At least once per page load, for the header, even on a page without papers.
  useEffect(() => schedule(), [schedule]);

  // A client-side navigation's page was rendered for it: its counts are the freshest (see above).
  const pathname = usePathname();
  const [countsFor, setCountsFor] = useState(pathname);
  if (countsFor !== pathname) {
    setCountsFor(pathname);
    if (state.known) setState({ ...state, upvotes: new Map() });
  }

  const value = useMemo(() => ({ state, watch, setVote }), [state, watch, setVote]);
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

/** Who is looking (`known: false` until the answer is in). */
export function useViewer(): ViewerState {
  return useContext(ViewerContext).state;
}

/**
 * The viewer's relation to one paper: unknown, signed out, or signed in with the vote; and its
 * count now, when the viewer answer has one fresher than the page's.
 */
export function usePaperViewer(paperId: string): {
  status: "unknown" | "signed-out" | "signed-in";
  upvoted: boolean;
  upvotes: number | undefined;
  setVote(vote: UpvoteState): void;
} {
  const { state, watch, setVote } = useContext(ViewerContext);
  useEffect(() => {
    watch(paperId);
  }, [watch, paperId]);
  const status = !state.known ? "unknown" : state.user ? "signed-in" : "signed-out";
  return {
    status,
    upvoted: state.known && state.upvoted.has(paperId),
    upvotes: state.known ? state.upvotes.get(paperId) : undefined,
    setVote: (vote) => setVote(paperId, vote),
  };
}
