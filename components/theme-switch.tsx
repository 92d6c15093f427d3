"use client";

import { useSyncExternalStore, type ReactNode } from "react";
import { THEME_CHOICES, THEME_STORAGE_KEY, type ThemeChoice } from "@/lib/theme/theme";

// The choice lives in localStorage and on <html data-theme> (lib/theme/theme.ts); every switch on
// the page (the header's, the phone menu's) shows the same one.
const CHANGED = "daily-papers-theme-change";

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function choose(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused (private mode): the choice holds for this page only.
  }
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  // Another tab's choice too (the storage event).
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

const LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

// Drawn with strokes, 24×24.
const ICONS: Record<ThemeChoice, ReactNode> = {
  system: (
    <>
      <rect width="20" height="14" x="2" y="3" rx="2" />
      <path d="M8 21h8M12 17v4" />
    </>
  ),
  light: (
    <>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M6.3 17.7l-1.4 1.4M19.1 4.9l-1.4 1.4" />
    </>
  ),
  dark: <path d="M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z" />,
};

/** System, light or dark, remembered in this browser. Until it knows the choice (before hydration) no button is pressed. `className` sets its display (the bar hides it on narrow screens). */
export function ThemeSwitch({ className }: { className: string }) {
  const current = useSyncExternalStore(subscribe, readChoice, () => null);
  return (
    <div role="group" aria-label="Theme" className={`rounded-md border border-gray-200 p-0.5 dark:border-gray-700 ${className}`}>
      {THEME_CHOICES.map((choice) => (
        <button
          key={choice}
          type="button"
          aria-pressed={current === null ? undefined : current === choice}
          title={`${LABELS[choice]} theme`}
          onClick={() => choose(choice)}
          className="rounded p-1 text-gray-600 hover:bg-gray-100 aria-pressed:bg-gray-200 aria-pressed:text-gray-900 dark:text-gray-300 dark:hover:bg-gray-800 dark:aria-pressed:bg-gray-700 dark:aria-pressed:text-white"
        >
          <svg
            aria-hidden
            viewBox="0 0 24 24"
            className="h-4 w-4"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            {ICONS[choice]}
          </svg>
          <span className="sr-only">{LABELS[choice]}</span>
        </button>
      ))}
    </div>
  );
}
