import Link from "next/link";
import { isArxivCategory } from "@/lib/papers/identity";

/** An arXiv category as a small link to the papers filtered to it; any other tag is plain text. */
export function CategoryChip({ category, href }: { category: string; href: string }) {
  const chip = "inline-block rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700 dark:bg-gray-800 dark:text-gray-300";
  if (!isArxivCategory(category)) return <span className={chip}>{category}</span>;
  return (
    <Link
      href={href}
      // Not prefetched: a card's links are many (components/paper-card.tsx).
      prefetch={false}
      title={`Only ${category} papers`}
      className={`${chip} hover:bg-gray-200 hover:text-gray-900 dark:hover:bg-gray-700 dark:hover:text-gray-100`}
    >
      {category}
    </Link>
  );
}
