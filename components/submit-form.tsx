"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { submitPaperAction } from "@/app/_actions/submissions";
import { paperHref } from "@/lib/papers/urls";

type Outcome = { ok: true; added: boolean; paperId: string; title: string } | { ok: false; error: string };

/** Submit a paper by arXiv id or address; the answer links to the paper either way. */
export function SubmitForm({ initialInput = "" }: { initialInput?: string }) {
  const [input, setInput] = useState(initialInput);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (pending) return;
    setOutcome(null);
    startTransition(async () => {
      const result = await submitPaperAction(input).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
      if (!result.ok) return setOutcome({ ok: false, error: result.error });
      setOutcome({ ok: true, added: result.data.status === "added", paperId: result.data.paperId, title: result.data.title });
      if (result.data.status === "added") setInput("");
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Submit a paper">
      <label htmlFor="arxiv-id" className="block text-sm font-medium">
        arXiv id or address
      </label>
      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
        <input
          id="arxiv-id"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder="2312.00752 or https://arxiv.org/abs/2312.00752"
          autoComplete="off"
          spellCheck={false}
          className="min-w-0 flex-1 basis-64 rounded-md border border-gray-300 bg-white px-3 py-2 text-sm dark:border-gray-700 dark:bg-gray-900"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-gray-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900"
        >
          {pending ? "Fetching from arXiv…" : "Submit"}
        </button>
      </div>
      {outcome && !outcome.ok && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {outcome.error}
        </p>
      )}
      {outcome?.ok && (
        <p
          role="status"
          className="rounded-lg border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {outcome.added ? "Added to today’s papers: " : "Already in the feed: "}
          <Link href={paperHref(outcome.paperId)} className="font-semibold underline">
            {outcome.title}
          </Link>
        </p>
      )}
    </form>
  );
}
