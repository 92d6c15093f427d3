"use client";

import Link from "next/link";
import { useState } from "react";

type Mode = "sign-in" | "sign-up";

/**
 * Sign-in and sign-up against better-auth's JSON routes. After success the whole page reloads at
 * `next`, so the header and every button see the new session.
 */
export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const body = { email: form.get("email"), password: form.get("password"), name: form.get("name") ?? undefined };
    try {
      const response = await fetch(`/api/auth/${mode}/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      const answer = (await response.json().catch(() => ({}))) as { message?: string };
      setError(response.status === 429 ? "Too many attempts; wait a minute and try again." : (answer.message ?? `Failed (HTTP ${response.status}).`));
    } catch {
      setError("Could not reach the server.");
    }
    setBusy(false);
  }

  const field = "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 dark:border-gray-700 dark:bg-gray-900";
  const other = mode === "sign-in" ? "sign-up" : "sign-in";
  return (
    <form onSubmit={submit} className="mx-auto mt-8 max-w-sm space-y-4 rounded-xl border border-gray-200 p-6 dark:border-gray-800">
      <h1 className="text-xl font-semibold">{mode === "sign-in" ? "Sign in" : "Create an account"}</h1>
      {mode === "sign-up" && (
        <label className="block text-sm font-medium">
          Name
          <input name="name" required maxLength={100} autoComplete="name" className={field} />
        </label>
      )}
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required autoComplete="email" className={field} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" required minLength={8} maxLength={128} autoComplete={mode === "sign-in" ? "current-password" : "new-password"} className={field} />
      </label>
      {error && <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p>}
      <button type="submit" disabled={busy} className="w-full rounded-md bg-gray-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900">
        {busy ? "…" : mode === "sign-in" ? "Sign in" : "Sign up"}
      </button>
      <p className="text-center text-sm text-gray-600 dark:text-gray-400">
        {mode === "sign-in" ? "No account yet? " : "Already have an account? "}
        <Link href={`/${other}?next=${encodeURIComponent(next)}`} className="font-medium underline">
          {mode === "sign-in" ? "Sign up" : "Sign in"}
        </Link>
      </p>
    </form>
  );
}
