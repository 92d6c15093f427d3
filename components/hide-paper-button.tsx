"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setHiddenAction } from "@/app/_actions/papers";

/** Admins only: take a paper out of the feed, or put it back. */
export function HidePaperButton({ paperId, hidden }: { paperId: string; hidden: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toggle = () =>
    startTransition(async () => {
      const result = await setHiddenAction(paperId, !hidden);
      if (!result.ok) return setError(result.error);
      setError(null);
      router.refresh();
    });
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
      >
        {hidden ? "Show in the feed again" : "Hide from the feed"}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
