import Link from "next/link";
import { sendsEmail } from "@/lib/mail/mailer";
import { DisclosureMenu } from "./disclosure-menu";
import { menuLink, navLink } from "./nav-link";
import { HeaderSearchBox } from "./search-box";
import { ThemeSwitch } from "./theme-switch";
import { AccountBar, AccountMenuItems } from "./viewer/account-links";

/** The site's destinations, the same in the bar (wide screens) and the menu (narrow ones). */
function destinations(): Array<{ href: string; label: string }> {
  return [
    { href: "/papers/trending", label: "Trending" },
    { href: "/submit", label: "Submit" },
    // Offered only where it can work: a server without SMTP_URL sends no digest.
    ...(sendsEmail() ? [{ href: "/subscribe", label: "Subscribe" }] : []),
  ];
}

/**
 * The bar on every page, the same for everyone. From 1024 px: the name, search, the destinations,
 * the theme switch and the account slot (an island, components/viewer/). Narrower: the name,
 * search and a Menu button holding all of that, which opens without JavaScript too.
 */
export function SiteHeader() {
  const links = destinations();
  return (
    <header className="border-b border-gray-200 bg-white/90 backdrop-blur dark:border-gray-800 dark:bg-gray-950/90">
      <div className="relative mx-auto flex h-14 w-full max-w-6xl items-center gap-2 px-4 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-amber-500" fill="currentColor">
            <path d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5ZM8 13h8v1.5H8V13Zm0 3.5h8V18H8v-1.5Z" />
          </svg>
          <span className="sr-only min-[420px]:not-sr-only">Daily Papers</span>
        </Link>
        <HeaderSearchBox />
        <nav aria-label="Site" className="ml-auto hidden shrink-0 items-center gap-1 lg:flex">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className={navLink}>
              {link.label}
            </Link>
          ))}
        </nav>
        <ThemeSwitch className="hidden shrink-0 lg:inline-flex" />
        <nav aria-label="Account" className="hidden w-44 shrink-0 lg:block">
          <AccountBar />
        </nav>
        <DisclosureMenu
          className="ml-auto shrink-0 lg:hidden"
          summaryClassName={`${navLink} gap-1.5 border border-gray-200 dark:border-gray-700`}
          summary={
            <>
              <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                <path d="M3 5h14v1.5H3V5Zm0 4.25h14v1.5H3v-1.5ZM3 13.5h14V15H3v-1.5Z" />
              </svg>
              Menu
            </>
          }
          panelClassName="w-[min(18rem,calc(100vw-2rem))] rounded-lg border border-gray-200 bg-white p-1 shadow-lg dark:border-gray-700 dark:bg-gray-900"
        >
          <nav aria-label="Menu">
            <Link href="/" className={menuLink}>
              Latest papers
            </Link>
            {links.map((link) => (
              <Link key={link.href} href={link.href} className={menuLink}>
                {link.label}
              </Link>
            ))}
            <div className="my-1 border-t border-gray-200 dark:border-gray-700" />
            <AccountMenuItems />
            <div className="my-1 border-t border-gray-200 dark:border-gray-700" />
            <div className="flex min-h-10 items-center justify-between px-3 text-sm text-gray-700 dark:text-gray-300">
              Theme
              <ThemeSwitch className="inline-flex" />
            </div>
          </nav>
        </DisclosureMenu>
      </div>
    </header>
  );
}
