"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useOptimistic, useState, useTransition } from "react";
import { setUpvoteAction } from "@/app/_actions/papers";
import { paperAnchor } from "@/lib/papers/urls";
import type { UpvoteState } from "@/lib/papers/upvotes";
import { usePaperViewer } from "./viewer/viewer-provider";

type Props = { paperId: string; upvotes: number; large?: boolean };

/**
 * Sign-in for a signed-out vote: the vote rides along and is cast once there is an account
 * (lib/http/auth-form.ts), and the reader comes back to this page, at this paper.
 */
function useSignInToVote(paperId: string): string {
  const query = useSearchParams().toString();
  const here = `${usePathname()}${query ? `?${query}` : ""}#${paperAnchor(paperId)}`;
  return `/sign-in?${new URLSearchParams({ next: here, upvote: paperId })}`;
}

/**
 * The upvote box. The page's HTML (the same for everyone) gives the count until the viewer
 * answer brings the count as it is now and whether this reader upvoted; until it is in, the box
 * looks neutral, neither upvoted nor not. Signed out, and without JavaScript, it is a link to sign in that carries the
 * vote. A vote shows at once (optimistic)
 * and falls back, with a message, when the write fails; while one is on its way the button
 * ignores clicks, and it never counts a double click's second click, so a double click is one vote.
 */
export function UpvoteButton({ paperId, upvotes, large = false }: Props) {
  const viewer = usePaperViewer(paperId);
  const signInHref = useSignInToVote(paperId);
  const current = { upvotes: viewer.upvotes ?? upvotes, upvoted: viewer.upvoted };
  const [shown, showOptimistic] = useOptimistic(current, (_: UpvoteState, next: UpvoteState) => next);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const box = `flex ${large ? "h-16 w-14" : "h-14 w-12"} shrink-0 flex-col items-center justify-center rounded-lg border text-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500`;
  const look =
    viewer.status === "unknown"
      ? "border-gray-200 bg-transparent text-gray-700 dark:border-gray-800 dark:text-gray-300"
      : shown.upvoted
        ? "border-amber-400 bg-amber-50 text-amber-700 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-300"
        : "border-gray-200 bg-gray-50 hover:border-gray-300 dark:border-gray-800 dark:bg-gray-900 dark:hover:border-gray-700";
  const arrow = viewer.status === "unknown" ? "text-gray-300 dark:text-gray-700" : shown.upvoted ? "" : "text-gray-400";
  const count = (
    <>
      <span aria-hidden className={`text-xs leading-none ${arrow}`}>
        ▲
      </span>
      <span className="mt-1 font-semibold tabular-nums">{shown.upvotes}</span>
    </>
  );
  const upvotesText = `${shown.upvotes} ${shown.upvotes === 1 ? "upvote" : "upvotes"}`;

  if (viewer.status !== "signed-in") {
    return (
      <Link
        href={signInHref}
        // Not prefetched: one per card (components/paper-card.tsx).
        prefetch={false}
        className={`${box} ${look}`}
        aria-label={viewer.status === "unknown" ? upvotesText : `${upvotesText}. Sign in to upvote`}
        data-viewer={viewer.status}
      >
        {count}
      </Link>
    );
  }

  const toggle = () => {
    if (pending) return;
    const next = { upvoted: !shown.upvoted, upvotes: shown.upvotes + (shown.upvoted ? -1 : 1) };
    setError(null);
    startTransition(async () => {
      showOptimistic(next);
      const result = await setUpvoteAction(paperId, next.upvoted).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
      if (result.ok) viewer.setVote(result.data);
      else setError(`Your vote was not saved: ${result.error}`);
    });
  };

  return (
    <div className="relative flex flex-col items-center">
      <button
        type="button"
        // The second click of a double click (detail 2) is no second press, however fast the first vote was saved.
        onClick={(event) => event.detail < 2 && toggle()}
        aria-pressed={shown.upvoted}
        // The visible count first (WCAG 2.5.3: the name starts with what the box shows), then what a press does.
        aria-label={`${upvotesText}, ${shown.upvoted ? "remove upvote" : "upvote"}`}
        aria-busy={pending}
        data-viewer={viewer.status}
        className={`${box} ${look} cursor-pointer`}
      >
        {count}
      </button>
      {error && (
        <p role="alert" className="absolute left-0 top-full z-10 mt-1 w-56 rounded-md bg-red-600 px-2 py-1 text-xs text-white shadow">
          {error}
        </p>
      )}
    </div>
  );
}
