import type { CommentView } from "@/lib/comments/comments";
import { CommentComposer } from "./comment-composer";
import { CommentItem } from "./comment-item";

/** A paper's comments, the same for every reader; who may edit or delete which, and the form, come from the viewer answer. */
export function CommentSection({ paperId, comments, signInHref }: { paperId: string; comments: CommentView[]; signInHref: string }) {
  return (
    <section id="comments" aria-labelledby="comments-heading" className="space-y-3 border-t border-gray-200 pt-6 dark:border-gray-800">
      <h2 id="comments-heading" className="text-lg font-semibold">
        {comments.length === 0 ? "Comments" : `${comments.length} ${comments.length === 1 ? "comment" : "comments"}`}
      </h2>
      {comments.length > 0 && (
        <ol className="space-y-2">
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} />
          ))}
        </ol>
      )}
      <CommentComposer paperId={paperId} signInHref={signInHref} />
    </section>
  );
}
