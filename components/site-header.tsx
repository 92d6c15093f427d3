import Link from "next/link";
import { HeaderSearchBox } from "./search-box";
import { navLink } from "./nav-link";
import { AccountLinks } from "./viewer/account-links";

/** The bar on every page, the same for everyone: the name, search, trending, submit, and the account (an island). */
export function SiteHeader() {
  return (
    <header className="border-b border-gray-200 bg-white/90 backdrop-blur dark:border-gray-800 dark:bg-gray-950/90">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-2 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-amber-500" fill="currentColor">
            <path d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5ZM8 13h8v1.5H8V13Zm0 3.5h8V18H8v-1.5Z" />
          </svg>
          <span className="hidden min-[400px]:inline">Daily Papers</span>
        </Link>
        <span className="hidden text-sm text-gray-500 xl:inline dark:text-gray-400">by the research community</span>
        <HeaderSearchBox />
        <nav aria-label="Account" className="ml-auto flex shrink-0 items-center gap-1">
          <Link href="/papers/trending" className={`${navLink} hidden sm:inline`}>
            Trending
          </Link>
          <Link href="/submit" className={`${navLink} hidden md:inline`}>
            Submit
          </Link>
          <AccountLinks />
        </nav>
      </div>
    </header>
  );
}
