"use client";

import Link from "next/link";
import { DisclosureMenu } from "../disclosure-menu";
import { menuLink, navLink } from "../nav-link";
import { SignOutButton } from "../sign-out-button";
import { useViewer, type ViewerUser } from "./viewer-provider";

const signUpButton =
  "rounded-md bg-gray-900 px-3 py-1 text-sm font-medium text-white hover:bg-gray-700 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-white";

function AdminBadge({ user }: { user: ViewerUser }) {
  return user.isAdmin ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">admin</span> : null;
}

/** Until the viewer answer is in: nothing (the slot keeps its size); without JavaScript, Sign in. */
function Unknown({ className }: { className: string }) {
  return (
    <span className={className} data-viewer="unknown">
      <noscript>
        <Link href="/sign-in" className={navLink}>
          Sign in
        </Link>
      </noscript>
    </span>
  );
}

/**
 * The header bar's account slot (wide screens): Sign in and Sign up for a visitor; for a
 * signed-in reader a menu under their name with the reading list and Sign out. It has one width
 * whoever is looking, so nothing in the header moves when the viewer answer fills it in.
 */
export function AccountBar() {
  const viewer = useViewer();
  if (!viewer.known) return <Unknown className="block" />;
  const { user } = viewer;
  if (!user)
    return (
      <span className="flex items-center justify-end gap-1">
        <VisitorLinks signInClassName={navLink} />
      </span>
    );
  return (
    <DisclosureMenu
      className="flex justify-end"
      summaryClassName={`${navLink} max-w-full font-medium text-gray-900 dark:text-gray-100`}
      summary={
        <>
          <span className="truncate" title={user.name}>
            {user.name}
          </span>
          <AdminBadge user={user} />
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 shrink-0 transition group-open:rotate-180" fill="currentColor">
            <path d="M5.2 7.5 10 12.3l4.8-4.8 1.1 1.1L10 14.5 4.1 8.6l1.1-1.1Z" />
          </svg>
        </>
      }
      panelClassName="w-48 rounded-lg border border-gray-200 bg-white p-1 shadow-lg dark:border-gray-700 dark:bg-gray-900"
    >
      <ReaderLinks user={user} />
      <SignOutButton className={`${menuLink} w-full text-left`} />
    </DisclosureMenu>
  );
}

/** Sign in and Sign up, for a visitor. */
function VisitorLinks({ signInClassName }: { signInClassName: string }) {
  return (
    <>
      <Link href="/sign-in" className={signInClassName}>
        Sign in
      </Link>
      <Link href="/sign-up" className={signUpButton}>
        Sign up
      </Link>
    </>
  );
}

/** A signed-in reader's own pages (an admin's too), in the account menus. */
function ReaderLinks({ user }: { user: { isAdmin: boolean } }) {
  return (
    <>
      <Link href="/papers/for-you" className={menuLink}>
        For you
      </Link>
      <Link href="/papers/upvoted" className={menuLink}>
        Your upvotes
      </Link>
      {user.isAdmin && (
        <Link href="/admin/sync" className={menuLink}>
          Sync status
        </Link>
      )}
    </>
  );
}

/** The account part of the phone menu: who is signed in and Sign out, or Sign in and Sign up. */
export function AccountMenuItems() {
  const viewer = useViewer();
  if (!viewer.known) return <Unknown className="block min-h-10" />;
  const { user } = viewer;
  if (!user)
    return (
      <div className="flex items-center gap-2 px-3 py-2">
        <VisitorLinks signInClassName={`${navLink} border border-gray-200 dark:border-gray-700`} />
      </div>
    );
  return (
    <>
      <ReaderLinks user={user} />
      <p className="truncate px-3 pt-2 text-xs text-gray-600 dark:text-gray-400">
        Signed in as <span className="font-medium text-gray-900 dark:text-gray-100">{user.name}</span>
        <AdminBadge user={user} />
      </p>
      <SignOutButton className={`${menuLink} w-full text-left`} />
    </>
  );
}
