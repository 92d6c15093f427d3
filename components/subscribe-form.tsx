"use client";

import { useState, useTransition } from "react";
import { subscribeAction } from "@/app/_actions/subscriptions";
import { useViewer } from "./viewer/viewer-provider";

/**
 * "Get trending papers in your inbox": an address, daily or weekly, and trending or For you. The server answers with
 * what happens next (a confirmation email, or why not); the form keeps the address on error.
 * A signed-in reader finds their account's address filled in (from the viewer answer) until they type.
 */
export function SubscribeForm({ compact = false }: { compact?: boolean }) {
  const viewer = useViewer();
  const [typed, setEmail] = useState<string | null>(null);
  const email = typed ?? (viewer.known && viewer.user ? viewer.user.email : "");
  const [frequency, setFrequency] = useState("daily");
  const [ranking, setRanking] = useState("top");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (pending) return;
    setResult(null);
    startTransition(async () => {
      const answer = await subscribeAction({ email, frequency, ranking }).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
      setResult(answer.ok ? { ok: true, message: answer.data.message } : { ok: false, message: answer.error });
    });
  }

  const field = "rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm dark:border-gray-700 dark:bg-gray-900";
  return (
    <form onSubmit={submit} aria-label="Subscribe to the digest" className="space-y-2">
      <div className={`flex flex-wrap items-center gap-2 ${compact ? "" : "sm:flex-nowrap"}`}>
        <label htmlFor={`subscribe-email${compact ? "-compact" : ""}`} className="sr-only">
          Email address
        </label>
        <input
          id={`subscribe-email${compact ? "-compact" : ""}`}
          type="email"
          required
          autoComplete="email"
          placeholder="you@example.org"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          className={`${field} min-w-0 flex-1 basis-48`}
        />
        <label htmlFor={`subscribe-frequency${compact ? "-compact" : ""}`} className="sr-only">
          How often
        </label>
        <select
          id={`subscribe-frequency${compact ? "-compact" : ""}`}
          value={frequency}
          onChange={(event) => setFrequency(event.target.value)}
          className={field}
        >
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
        </select>
        <label htmlFor={`subscribe-ranking${compact ? "-compact" : ""}`} className="sr-only">
          Which papers
        </label>
        <select id={`subscribe-ranking${compact ? "-compact" : ""}`} value={ranking} onChange={(event) => setRanking(event.target.value)} className={field}>
          <option value="top">Trending</option>
          {/* Ranked by the upvotes of the account with this address; trending until it has a few. */}
          <option value="for-you">For you</option>
        </select>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-amber-500 px-4 py-1.5 text-sm font-semibold text-gray-950 hover:bg-amber-400 disabled:opacity-60"
        >
          {pending ? "Subscribing…" : "Subscribe"}
        </button>
      </div>
      {result && (
        <p role={result.ok ? "status" : "alert"} className={`text-sm ${result.ok ? "text-green-700 dark:text-green-400" : "text-red-600 dark:text-red-400"}`}>
          {result.message}
        </p>
      )}
    </form>
  );
}
