"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addCommentAction } from "@/app/_actions/comments";
import { COMMENT_MAX_LENGTH } from "@/lib/comments/limits";

/**
 * Posting a comment. The form carries a fresh id: if it is sent twice (double click, a retry
 * after a lost answer) the server stores the comment once.
 */
export function CommentForm({ paperId }: { paperId: string }) {
  const router = useRouter();
  const [id, setId] = useState(() => crypto.randomUUID());
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (pending) return;
    setError(null);
    startTransition(async () => {
      const result = await addCommentAction({ paperId, id, body }).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setBody("");
      setId(crypto.randomUUID());
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="space-y-2">
      <label htmlFor="comment-body" className="sr-only">
        Your comment
      </label>
      <textarea
        id="comment-body"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={3}
        placeholder="Add to the discussion…"
        className="block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm dark:border-gray-700 dark:bg-gray-900"
      />
      <div className="flex items-center justify-between gap-3">
        <span className={`text-xs ${body.length > COMMENT_MAX_LENGTH ? "text-red-600" : "text-gray-500 dark:text-gray-400"}`}>
          {body.length.toLocaleString("en-US")} / {COMMENT_MAX_LENGTH.toLocaleString("en-US")}
        </span>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-gray-900 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900"
        >
          {pending ? "Posting…" : "Comment"}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
