"use client";

import { useState } from "react";

/**
 * Copies `text` to the clipboard and says so in place (a polite live region). Without
 * JavaScript, or where the clipboard is refused, the text beside it is still there to select.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-gray-300 px-2.5 py-1 text-sm font-medium hover:bg-gray-50 dark:border-gray-700 dark:hover:bg-gray-900"
      >
        {label}
      </button>
      <span aria-live="polite" className="text-sm text-gray-600 dark:text-gray-400">
        {state === "copied" ? "Copied." : state === "failed" ? "Could not copy; select the text instead." : ""}
      </span>
    </span>
  );
}
