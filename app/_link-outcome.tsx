import Link from "next/link";
import type { ReactNode } from "react";

/** The page an email link lands on: what happened, and where to go next. */
export function LinkOutcome({ ok, title, children }: { ok: boolean; title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      <div
        role={ok ? "status" : "alert"}
        className={`rounded-lg border p-4 ${ok ? "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100" : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"}`}
      >
        {children}
      </div>
      <Link href="/" className="inline-block text-sm hover:underline">
        ← Today’s papers
      </Link>
    </div>
  );
}
