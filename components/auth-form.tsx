"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { KeptFields } from "@/lib/http/auth-form";

type Mode = "sign-in" | "sign-up";

/**
 * Sign-in and sign-up as plain HTML forms that post to /api/session/{mode}: they work before the
 * page's script has loaded and without it, and nothing typed can end up in an address. The
 * server answers with a redirect, on to `next` (a whole page load, so the header and every
 * button see the new session) or back here with `error`. The script only stops a second submit.
 */
type Props = {
  mode: Mode;
  next: string;
  /** The paper a signed-out upvote was for, cast once signed in. */
  upvote: string | null;
  /** The other form (sign-up from sign-in and back), with the same `next` and vote. */
  otherHref: string;
  error: string | null;
  kept: KeptFields;
};

export function AuthForm({ mode, next, upvote, otherHref, error, kept }: Props) {
  const [busy, setBusy] = useState(false);
  // Back to this page from the next one (the back/forward cache): the form is usable again.
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => event.persisted && setBusy(false);
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);

  const field = "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 dark:border-gray-700 dark:bg-gray-900";
  return (
    <form
      method="post"
      action={`/api/session/${mode}`}
      onSubmit={(event) => (busy ? event.preventDefault() : setBusy(true))}
      className="mx-auto mt-8 max-w-sm space-y-4 rounded-xl border border-gray-200 p-6 dark:border-gray-800"
    >
      <h1 className="text-xl font-semibold">{mode === "sign-in" ? "Sign in" : "Create an account"}</h1>
      <input type="hidden" name="next" value={next} />
      {upvote && <input type="hidden" name="upvote" value={upvote} />}
      {upvote && <p className="text-sm text-gray-600 dark:text-gray-400">Your upvote is counted as soon as you are signed in.</p>}
      {mode === "sign-up" && (
        <label className="block text-sm font-medium">
          Name
          <input name="name" required maxLength={100} autoComplete="name" defaultValue={kept.name} className={field} />
        </label>
      )}
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required maxLength={254} autoComplete="email" defaultValue={kept.email} className={field} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          required
          minLength={8}
          maxLength={128}
          autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
          autoFocus={error !== null && kept.email !== undefined}
          className={field}
        />
      </label>
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-md bg-gray-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900"
      >
        {busy ? "…" : mode === "sign-in" ? "Sign in" : "Sign up"}
      </button>
      <p className="text-center text-sm text-gray-600 dark:text-gray-400">
        {mode === "sign-in" ? "No account yet? " : "Already have an account? "}
        <Link href={otherHref} className="font-medium underline">
          {mode === "sign-in" ? "Sign up" : "Sign in"}
        </Link>
      </p>
    </form>
  );
}
