"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { addCommentAction } from "@/app/_actions/comments";
import { COMMENT_MAX_LENGTH } from "@/lib/comments/limits";

type CommentFormProps = {
  paperId: string;
  /** Set for a reply: the comment it answers. */
  parentId?: string;
  /** A reply's form is closed once posted (its thread says so); without it, the form stays for the next comment. */
  onPosted?: () => void;
  onCancel?: () => void;
};

/**
 * Posting a comment or a reply. The form carries a fresh id: if it is sent twice (double click,
 * a retry after a lost answer) the server stores the comment once. The keyboard stays in the
 * form: the button is never disabled (a disabled button drops focus to the page), and once the
 * comment is posted the text box has focus again and a status line says so. A refused post keeps
 * its text in the box.
 */
export function CommentForm({ paperId, parentId, onPosted, onCancel }: CommentFormProps) {
  const reply = parentId !== undefined;
  const fieldId = reply ? `reply-${parentId}` : "comment-body";
  const router = useRouter();
  const [id, setId] = useState(() => crypto.randomUUID());
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [posted, setPosted] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (pending) return;
    setError(null);
    setPosted(false);
    startTransition(async () => {
      const result = await addCommentAction({ paperId, id, body, parentId }).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setBody("");
      setId(crypto.randomUUID());
      router.refresh();
      if (onPosted) return onPosted();
      setPosted(true);
      textarea.current?.focus();
    });
  }

  return (
    <form onSubmit={submit} className="space-y-2">
      <label htmlFor={fieldId} className="sr-only">
        {reply ? "Your reply" : "Your comment"}
      </label>
      <textarea
        id={fieldId}
        // A reply's form opens when asked for: the text box is where the reader goes next.
        autoFocus={reply}
        ref={textarea}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          setPosted(false);
        }}
        rows={3}
        placeholder={reply ? "Reply…" : "Add to the discussion…"}
        className="block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm dark:border-gray-700 dark:bg-gray-900"
      />
      <div className="flex items-center justify-between gap-3">
        <span className={`text-xs ${body.length > COMMENT_MAX_LENGTH ? "text-red-600" : "text-gray-600 dark:text-gray-400"}`}>
          {body.length.toLocaleString("en-US")} / {COMMENT_MAX_LENGTH.toLocaleString("en-US")}
          <span className="hidden sm:inline"> · Markdown: *italic*, **bold**, `code`, &gt; quote, [link](https://…)</span>
        </span>
        <span className="flex shrink-0 items-center gap-3">
          {onCancel && (
            <button type="button" onClick={onCancel} className="text-sm text-gray-600 hover:underline dark:text-gray-400">
              Cancel
            </button>
          )}
          <button
            type="submit"
            aria-disabled={pending}
            className="rounded-md bg-gray-900 px-4 py-1.5 text-sm font-medium text-white aria-disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900"
          >
            {pending ? "Posting…" : reply ? "Reply" : "Comment"}
          </button>
        </span>
      </div>
      {/* Polite and always there, so screen readers announce what appears in it. */}
      <p aria-live="polite" className="text-sm text-green-700 dark:text-green-400">
        {posted && "Your comment is posted."}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
