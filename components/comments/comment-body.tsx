import { linkify } from "@/lib/comments/linkify";

/** A comment's text with its links clickable; React escapes the text parts. */
export function CommentBody({ body }: { body: string }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm leading-relaxed">
      {linkify(body).map((part, index) =>
        "url" in part ? (
          <a key={index} href={part.url} rel="nofollow ugc noopener noreferrer" target="_blank" className="text-amber-700 underline dark:text-amber-400">
            {part.url}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
