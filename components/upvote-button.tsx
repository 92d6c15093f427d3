"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { setUpvoteAction } from "@/app/_actions/papers";

type Props = { paperId: string; upvotes: number; upvoted: boolean; signedIn: boolean; signInHref: string; large?: boolean };

/**
 * The upvote box: toggles at once (optimistic), rolls back with a message when the write fails.
 * While a vote is on its way the button ignores clicks, so a double click is one vote.
 */
export function UpvoteButton({ paperId, upvotes, upvoted, signedIn, signInHref, large = false }: Props) {
  const [state, setState] = useState({ upvotes, upvoted });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const box = `flex ${large ? "h-16 w-14" : "h-14 w-12"} shrink-0 flex-col items-center justify-center rounded-lg border text-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500`;
  const look = state.upvoted
    ? "border-amber-400 bg-amber-50 text-amber-700 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-300"
    : "border-gray-200 bg-gray-50 hover:border-gray-300 dark:border-gray-800 dark:bg-gray-900 dark:hover:border-gray-700";
  const count = (
    <>
      <span aria-hidden className={`text-xs leading-none ${state.upvoted ? "" : "text-gray-400"}`}>
        ▲
      </span>
      <span className="mt-1 font-semibold tabular-nums">{state.upvotes}</span>
    </>
  );

  if (!signedIn) {
    return (
      <Link href={signInHref} className={`${box} ${look}`} aria-label={`${state.upvotes} upvotes. Sign in to upvote`}>
        {count}
      </Link>
    );
  }

  const toggle = () => {
    if (pending) return;
    const previous = state;
    const next = { upvoted: !previous.upvoted, upvotes: previous.upvotes + (previous.upvoted ? -1 : 1) };
    setState(next);
    setError(null);
    startTransition(async () => {
      const result = await setUpvoteAction(paperId, next.upvoted).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
      if (result.ok) setState(result.data);
      else {
        setState(previous);
        setError(`Your vote was not saved: ${result.error}`);
      }
    });
  };

  return (
    <div className="relative flex flex-col items-center">
      <button
        type="button"
        onClick={toggle}
        aria-pressed={state.upvoted}
        aria-label={`${state.upvoted ? "Remove upvote" : "Upvote"} (${state.upvotes} ${state.upvotes === 1 ? "upvote" : "upvotes"})`}
        aria-busy={pending}
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
