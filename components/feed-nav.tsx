import Link from "next/link";
import type { PeriodKind } from "@/lib/papers/period";

/** An adjacent period with papers: its address and its name, short (shown) and whole (read out). */
export type FeedStep = { href: string; name: { short: string; full: string } };

export type FeedLinks = {
  previous: FeedStep | null;
  next: FeedStep | null;
  /** The same papers' day, week and month pages. */
  kinds: Record<PeriodKind, string>;
  current: PeriodKind;
};

const KIND_LABELS: Record<PeriodKind, string> = { day: "Day", week: "Week", month: "Month" };
const pill = "whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium sm:px-3";

/** Previous / next (skipping empty periods, named by where they go) and the day / week / month switch. */
export function FeedNav({ links }: { links: FeedLinks }) {
  const kind = KIND_LABELS[links.current].toLowerCase();
  const step = (to: FeedStep | null, direction: "prev" | "next") => {
    const label = direction === "prev" ? `Previous ${kind}` : `Next ${kind}`;
    const arrow = (
      <span aria-hidden className="text-gray-500 dark:text-gray-400">
        {direction === "prev" ? "←" : "→"}
      </span>
    );
    return to ? (
      <Link
        href={to.href}
        rel={direction}
        title={`${label}: ${to.name.full}`}
        className={`${pill} inline-flex gap-1.5 border border-gray-200 hover:bg-gray-50 dark:border-gray-800 dark:hover:bg-gray-900`}
      >
        {direction === "prev" && arrow}
        <span className="sr-only">{label}: </span>
        {to.name.short}
        {direction === "next" && arrow}
      </Link>
    ) : (
      <span className={`${pill} border border-gray-100 text-gray-300 dark:border-gray-900 dark:text-gray-700`} aria-disabled>
        <span aria-hidden>{direction === "prev" ? "←" : "→"}</span>
        <span className="sr-only">{direction === "prev" ? `No earlier ${kind}` : `No later ${kind}`}</span>
      </span>
    );
  };
  return (
    // On a phone Prev and Next share the first row and the switch takes the second, so long
    // names ("Dec 12, 2025") fit; from 640 px all three are one row.
    <nav aria-label="Feed periods" className="flex flex-wrap items-center justify-between gap-2">
      {step(links.previous, "prev")}
      <div className="order-last flex w-full justify-center rounded-lg bg-gray-100 p-1 sm:order-none sm:w-auto dark:bg-gray-900">
        {(["day", "week", "month"] as const).map((kind) => (
          <Link
            key={kind}
            href={links.kinds[kind]}
            aria-current={kind === links.current ? "page" : undefined}
            className={`${pill} flex-1 text-center sm:flex-none ${kind === links.current ? "bg-white shadow-sm dark:bg-gray-800" : "text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100"}`}
          >
            {KIND_LABELS[kind]}
          </Link>
        ))}
      </div>
      {step(links.next, "next")}
    </nav>
  );
}
