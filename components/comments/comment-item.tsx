"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteCommentAction, editCommentAction } from "@/app/_actions/comments";
import type { CommentView } from "@/lib/comments/comments";
import { formatRelative } from "@/lib/text/format";
import { useViewer } from "../viewer/viewer-provider";
import { CommentBody } from "./comment-body";

/**
 * One comment, with edit (its author) and delete (its author or an admin), as the viewer answer
 * says, and Reply for any signed-in reader when its thread takes replies. Its replies, if any,
 * come as children. A deleted comment that keeps its thread's place shows only that it was.
 */
export function CommentItem({ comment, onReply, children }: { comment: CommentView; onReply?: () => void; children?: React.ReactNode }) {
  const viewer = useViewer();
  const user = viewer.known ? viewer.user : null;
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<{ ok: boolean; error?: string }>, after: () => void) =>
    startTransition(async () => {
      setError(null);
      const result = await work().catch(() => ({ ok: false, error: "Could not reach the server." }));
      if (!result.ok) return setError(result.error ?? "Failed.");
      after();
      router.refresh();
    });

  if (!comment.author) {
    return (
      <li className="rounded-lg border border-dashed border-gray-300 p-3 dark:border-gray-700">
        <p className="text-sm italic text-gray-600 dark:text-gray-400">This comment was deleted.</p>
        {children}
      </li>
    );
  }
  const canEdit = user?.id === comment.author.id;
  const canDelete = canEdit || user?.isAdmin === true;
  const button = "text-xs text-gray-500 hover:text-gray-900 hover:underline disabled:opacity-50 dark:text-gray-400 dark:hover:text-gray-100";
  return (
    <li className="rounded-lg border border-gray-200 p-3 dark:border-gray-800">
      <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <span className="font-medium">{comment.author.name}</span>
        <time
          dateTime={comment.createdAt}
          title={new Date(comment.createdAt).toUTCString()}
          suppressHydrationWarning
          className="text-xs text-gray-500 dark:text-gray-400"
        >
          {formatRelative(comment.createdAt)}
        </time>
        {comment.edited && <span className="text-xs text-gray-400">(edited)</span>}
        <span className="ml-auto flex gap-3">
          {user && onReply && !editing && (
            <button type="button" className={button} onClick={onReply}>
              Reply
            </button>
          )}
          {canEdit && !editing && (
            <button type="button" className={button} onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {canDelete && !editing && (
            <button
              type="button"
              className={button}
              disabled={pending}
              onClick={() =>
                run(
                  () => deleteCommentAction(comment.id),
                  () => undefined,
                )
              }
            >
              Delete
            </button>
          )}
        </span>
      </div>
      {editing ? (
        <form
          className="mt-2 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            run(
              () => editCommentAction({ commentId: comment.id, body: draft }),
              () => setEditing(false),
            );
          }}
        >
          <label htmlFor={`edit-${comment.id}`} className="sr-only">
            Edit your comment
          </label>
          <textarea
            id={`edit-${comment.id}`}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            rows={3}
            className="block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm dark:border-gray-700 dark:bg-gray-900"
          />
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-gray-900 px-3 py-1 text-xs font-medium text-white disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900"
            >
              Save
            </button>
            <button
              type="button"
              className={button}
              onClick={() => {
                setEditing(false);
                setDraft(comment.body);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="mt-1">
          <CommentBody html={comment.html} />
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {children}
    </li>
  );
}
