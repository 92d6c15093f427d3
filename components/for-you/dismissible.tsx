"use client";

import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { setDismissedAction } from "@/app/_actions/papers";

// A For-you suggestion the reader can mark "not interested": the mark is saved (a negative
// example for their model, lib/recs/reader.ts) and the suggestion leaves the list at once, with
// a way to take it back. Without JavaScript the list reads as is; the control needs it.

type Dismissal = { pending: boolean; error: string | null; mark(dismissed: boolean): void };
const DismissalContext = createContext<Dismissal | null>(null);

export function Dismissible({ paperId, title, children }: { paperId: string; title: string; children: ReactNode }) {
  const [dismissed, setDismissed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const mark = (next: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await setDismissedAction(paperId, next).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
      if (result.ok) setDismissed(result.data.dismissed);
      else setError(`Not saved: ${result.error}`);
    });
  if (dismissed) {
    return (
      <p
        role="status"
        className="flex flex-wrap items-center gap-x-3 rounded-xl border border-dashed border-gray-300 p-4 text-sm text-gray-600 dark:border-gray-700 dark:text-gray-400"
      >
        <span>Marked “{title}” not interested: For you will show fewer like it.</span>
        <button
          type="button"
          onClick={() => mark(false)}
          disabled={pending}
          className="font-medium text-amber-700 underline hover:no-underline dark:text-amber-400"
        >
          Undo
        </button>
      </p>
    );
  }
  return <DismissalContext.Provider value={{ pending, error, mark }}>{children}</DismissalContext.Provider>;
}

/** The "Not interested" control of the suggestion around it. */
export function NotInterestedButton({ title }: { title: string }) {
  const dismissal = useContext(DismissalContext);
  if (!dismissal) return null;
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() => dismissal.mark(true)}
        disabled={dismissal.pending}
        aria-label={`Not interested in “${title}”`}
        className="rounded-md border border-gray-200 px-2 py-1 text-xs text-gray-600 hover:border-gray-300 hover:text-gray-900 disabled:opacity-50 dark:border-gray-800 dark:text-gray-400 dark:hover:border-gray-700 dark:hover:text-gray-100"
      >
        Not interested
      </button>
      {dismissal.error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {dismissal.error}
        </span>
      )}
    </span>
  );
}
