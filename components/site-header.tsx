import Link from "next/link";
import { HeaderSearchBox } from "./search-box";
import { SignOutButton } from "./sign-out-button";

export type HeaderUser = { name: string; isAdmin: boolean } | null;

const navLink = "rounded-md px-2 py-1 text-sm text-gray-600 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-900";

/** The bar on every page: the name, trending, and who is signed in. */
export function SiteHeader({ user }: { user: HeaderUser }) {
  return (
    <header className="border-b border-gray-200 bg-white/90 backdrop-blur dark:border-gray-800 dark:bg-gray-950/90">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-2 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-amber-500" fill="currentColor">
            <path d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5ZM8 13h8v1.5H8V13Zm0 3.5h8V18H8v-1.5Z" />
          </svg>
          <span className="hidden min-[400px]:inline">Daily Papers</span>
        </Link>
        {/* Room for the search box: the tagline gives way to the account's links. */}
        {!user && <span className="hidden text-sm text-gray-500 lg:inline dark:text-gray-400">by the research community</span>}
        <HeaderSearchBox />
        <nav aria-label="Account" className="ml-auto flex shrink-0 items-center gap-1">
          <Link href="/papers/trending" className={`${navLink} hidden sm:inline`}>
            Trending
          </Link>
          <Link href="/submit" className={`${navLink} hidden md:inline`}>
            Submit
          </Link>
          {!user && (
            <Link href="/subscribe" className={`${navLink} hidden md:inline`}>
              Subscribe
            </Link>
          )}
          {user ? (
            <>
              <Link href="/papers/upvoted" className={`${navLink} hidden sm:inline`}>
                Upvoted
              </Link>
              <span className="hidden max-w-40 truncate px-2 text-sm font-medium sm:inline" title={user.name}>
                {user.name}
                {user.isAdmin && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800 dark:bg-amber-900 dark:text-amber-200">admin</span>}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/sign-in" className={navLink}>
                Sign in
              </Link>
              <Link
                href="/sign-up"
                className="hidden rounded-md bg-gray-900 px-3 py-1 text-sm font-medium text-white sm:inline dark:bg-gray-100 dark:text-gray-900"
              >
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
