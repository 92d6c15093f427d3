import Link from "next/link";

/** The bar on every page. Search and the email subscription will sit on its right. */
export function SiteHeader() {
  return (
    <header className="border-b border-gray-200 bg-white/90 backdrop-blur dark:border-gray-800 dark:bg-gray-950/90">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-3 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-amber-500" fill="currentColor">
            <path d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5ZM8 13h8v1.5H8V13Zm0 3.5h8V18H8v-1.5Z" />
          </svg>
          <span>Daily Papers</span>
        </Link>
        <span className="hidden text-sm text-gray-500 sm:inline dark:text-gray-400">by the research community</span>
      </div>
    </header>
  );
}
