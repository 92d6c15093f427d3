"use client";

import { useRef, useState } from "react";
import type { CommentThread as Thread } from "@/lib/comments/comments";
import { CommentForm } from "./comment-form";
import { CommentItem } from "./comment-item";

/**
 * A top-level comment with its replies indented under it and, when a reader asks, the form for
 * one more at the end of the thread (Reply on a reply answers in the same thread: one level). A
 * posted reply closes the form; the thread says so and focus goes back to where Reply was.
 */
export function CommentThread({ paperId, thread }: { paperId: string; thread: Thread }) {
  const [replying, setReplying] = useState(false);
  const [posted, setPosted] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  // A deleted comment takes no replies: its thread shows no Reply at all.
  const open = thread.author
    ? () => {
        setReplying(true);
        setPosted(false);
      }
    : undefined;
  return (
    <CommentItem comment={thread} onReply={open}>
      {(thread.replies.length > 0 || replying) && (
        <div className="mt-3 space-y-2 border-l-2 border-gray-200 pl-3 dark:border-gray-800">
          {thread.replies.length > 0 && (
            <ol className="space-y-2" aria-label={`Replies to ${thread.author?.name ?? "a deleted comment"}`}>
              {thread.replies.map((reply) => (
                <CommentItem key={reply.id} comment={reply} onReply={open} />
              ))}
            </ol>
          )}
          {replying && (
            <CommentForm
              paperId={paperId}
              parentId={thread.id}
              onCancel={() => setReplying(false)}
              onPosted={() => {
                setReplying(false);
                setPosted(true);
                status.current?.focus();
              }}
            />
          )}
        </div>
      )}
      <p ref={status} tabIndex={-1} aria-live="polite" className="text-sm text-green-700 outline-none dark:text-green-400">
        {posted && "Your reply is posted."}
      </p>
    </CommentItem>
  );
}
