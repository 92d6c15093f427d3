"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, useCallback, useEffect, useRef, type ReactNode } from "react";

type Props = {
  /** What the button shows (its accessible name comes from this text). */
  summary: ReactNode;
  summaryClassName?: string;
  panelClassName?: string;
  className?: string;
  /** Which edge of the button the panel lines up with (default: right, for menus at the header's end). */
  align?: "left" | "right";
  children: ReactNode;
};

/**
 * A button that shows a panel under it: the phone menu, the account menu. A <details> element,
 * so it opens and closes without JavaScript too; with it, the panel also closes on Escape (focus
 * back on the button), on a click or focus outside, and when the reader goes to another page.
 */
export function DisclosureMenu({ summary, summaryClassName = "", panelClassName = "", className = "", align = "right", children }: Props) {
  const details = useRef<HTMLDetailsElement>(null);
  const close = useCallback(() => {
    if (details.current) details.current.open = false;
  }, []);
  useEffect(() => {
    const closeOnEscapeOrOutside = (event: Event) => {
      const element = details.current;
      if (!element?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        element.open = false;
        element.querySelector("summary")?.focus();
        return;
      }
      if (!element.contains(event.target as Node)) element.open = false;
    };
    for (const type of ["keydown", "pointerdown", "focusin"]) document.addEventListener(type, closeOnEscapeOrOutside);
    return () => {
      for (const type of ["keydown", "pointerdown", "focusin"]) document.removeEventListener(type, closeOnEscapeOrOutside);
    };
  }, []);
  return (
    <details ref={details} className={`group relative ${className}`}>
      <summary className={`flex cursor-pointer list-none items-center gap-1 [&::-webkit-details-marker]:hidden ${summaryClassName}`}>{summary}</summary>
      <div className={`absolute ${align === "right" ? "right-0" : "left-0"} top-full z-30 mt-2 ${panelClassName}`}>{children}</div>
      <Suspense>
        <OnNavigation run={close} />
      </Suspense>
    </details>
  );
}

/** Client-side navigations keep the menu mounted: runs `run` at each new address (to close the panel). */
function OnNavigation({ run }: { run: () => void }) {
  const address = `${usePathname()}?${useSearchParams().toString()}`;
  useEffect(() => run(), [address, run]);
  return null;
}
