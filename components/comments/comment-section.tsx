import { countComments, type CommentThread as Thread } from "@/lib/comments/comments";
import { CommentComposer } from "./comment-composer";
import { CommentThread } from "./comment-thread";

/** A paper's comments, the same for every reader; who may edit, delete or reply, and the form, come from the viewer answer. */
export function CommentSection({ paperId, comments, signInHref }: { paperId: string; comments: Thread[]; signInHref: string }) {
  const count = countComments(comments);
  return (
    <section id="comments" aria-labelledby="comments-heading" className="space-y-3 border-t border-gray-200 pt-6 dark:border-gray-800">
      <h2 id="comments-heading" className="text-lg font-semibold">
        {count === 0 ? "Comments" : `${count} ${count === 1 ? "comment" : "comments"}`}
      </h2>
      {comments.length > 0 && (
        <ol className="space-y-2">
          {comments.map((thread) => (
            <CommentThread key={thread.id} paperId={paperId} thread={thread} />
          ))}
        </ol>
      )}
      <CommentComposer paperId={paperId} signInHref={signInHref} />
    </section>
  );
}
