"use client";

import Link from "next/link";
import { useViewer } from "../viewer/viewer-provider";
import { CommentForm } from "./comment-form";

/** The form for a signed-in reader, a link to sign in for anyone else; nothing until it is known which (without JavaScript, the link). */
export function CommentComposer({ paperId, signInHref }: { paperId: string; signInHref: string }) {
  const viewer = useViewer();
  const signIn = (
    <p className="text-sm text-gray-600 dark:text-gray-400">
      <Link href={signInHref} className="font-medium underline">
        Sign in to comment
      </Link>
    </p>
  );
  if (!viewer.known) return <noscript>{signIn}</noscript>;
  return viewer.user ? <CommentForm paperId={paperId} /> : signIn;
}
