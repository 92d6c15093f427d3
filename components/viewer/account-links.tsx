"use client";

import Link from "next/link";
import { navLink } from "../nav-link";
import { SignOutButton } from "../sign-out-button";
import { useViewer } from "./viewer-provider";

/**
 * The header's account part: Sign in / Sign up for a visitor, the reading list, name and Sign out
 * for a signed-in reader. Until the viewer answer is in it takes its place empty (nothing moves
 * when it fills); without JavaScript it offers Sign in.
 */
export function AccountLinks() {
  const viewer = useViewer();
  if (!viewer.known)
    return (
      <span className="inline-flex min-w-16 justify-end" data-viewer="unknown">
        <noscript>
          <Link href="/sign-in" className={navLink}>
            Sign in
          </Link>
        </noscript>
      </span>
    );
  const { user } = viewer;
  if (!user)
    return (
      <>
        <Link href="/subscribe" className={`${navLink} hidden md:inline`}>
          Subscribe
        </Link>
        <Link href="/sign-in" className={navLink}>
          Sign in
        </Link>
        <Link href="/sign-up" className="hidden rounded-md bg-gray-900 px-3 py-1 text-sm font-medium text-white sm:inline dark:bg-gray-100 dark:text-gray-900">
          Sign up
        </Link>
      </>
    );
  return (
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
  );
}
