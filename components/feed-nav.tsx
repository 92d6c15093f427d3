import Link from "next/link";
import type { PeriodKind } from "@/lib/papers/period";

export type FeedLinks = {
  previous: string | null;
  next: string | null;
  /** The same papers' day, week and month pages. */
  kinds: Record<PeriodKind, string>;
  current: PeriodKind;
};

const KIND_LABELS: Record<PeriodKind, string> = { day: "Day", week: "Week", month: "Month" };
const pill = "whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium sm:px-3";

/** Previous / next (skipping empty periods) and the day / week / month switch. */
export function FeedNav({ links }: { links: FeedLinks }) {
  const step = (href: string | null, label: string, rel: "prev" | "next") =>
    href ? (
      <Link href={href} rel={rel} className={`${pill} border border-gray-200 hover:bg-gray-50 dark:border-gray-800 dark:hover:bg-gray-900`}>
        {label}
      </Link>
    ) : (
      <span className={`${pill} border border-gray-100 text-gray-300 dark:border-gray-900 dark:text-gray-700`} aria-disabled>
        {label}
      </span>
    );
  return (
    <nav aria-label="Feed periods" className="flex items-center justify-between gap-2">
      {step(links.previous, "← Prev", "prev")}
      <div className="flex rounded-lg bg-gray-100 p-1 dark:bg-gray-900">
        {(["day", "week", "month"] as const).map((kind) => (
          <Link
            key={kind}
            href={links.kinds[kind]}
            aria-current={kind === links.current ? "page" : undefined}
            className={`${pill} ${kind === links.current ? "bg-white shadow-sm dark:bg-gray-800" : "text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100"}`}
          >
            {KIND_LABELS[kind]}
          </Link>
        ))}
      </div>
      {step(links.next, "Next →", "next")}
    </nav>
  );
}
