import Link from "next/link";
import type { CommentView } from "@/lib/comments/comments";
import { CommentForm } from "./comment-form";
import { CommentItem } from "./comment-item";

type Viewer = { id: string; isAdmin: boolean } | null;

export function CommentSection({ paperId, comments, viewer, signInHref }: { paperId: string; comments: CommentView[]; viewer: Viewer; signInHref: string }) {
  return (
    <section id="comments" aria-labelledby="comments-heading" className="space-y-3 border-t border-gray-200 pt-6 dark:border-gray-800">
      <h2 id="comments-heading" className="text-lg font-semibold">
        {comments.length === 0 ? "Comments" : `${comments.length} ${comments.length === 1 ? "comment" : "comments"}`}
      </h2>
      {comments.length > 0 && (
        <ol className="space-y-2">
          {comments.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              canEdit={viewer?.id === comment.author.id}
              canDelete={viewer !== null && (viewer.id === comment.author.id || viewer.isAdmin)}
            />
          ))}
        </ol>
      )}
      {viewer ? (
        <CommentForm paperId={paperId} />
      ) : (
        <p className="text-sm text-gray-600 dark:text-gray-400">
          <Link href={signInHref} className="font-medium underline">
            Sign in to comment
          </Link>
        </p>
      )}
    </section>
  );
}
