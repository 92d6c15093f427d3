/**
 * A comment as its markdown renders: the HTML comes from lib/comments/markdown.ts, which
 * escapes everything outside its small subset (no raw HTML, no images, links nofollow).
 */
export function CommentBody({ html }: { html: string }) {
  return (
    <div
      className="break-words text-sm leading-relaxed [&_a]:text-amber-800 [&_a]:underline dark:[&_a]:text-amber-400 [&_blockquote]:border-l-4 [&_blockquote]:border-gray-300 [&_blockquote]:pl-3 [&_blockquote]:text-gray-700 dark:[&_blockquote]:border-gray-700 dark:[&_blockquote]:text-gray-300 [&_code]:rounded [&_code]:bg-gray-100 [&_code]:px-1 [&_code]:text-[0.85em] dark:[&_code]:bg-gray-800 [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-gray-100 [&_pre]:p-3 dark:[&_pre]:bg-gray-800 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_ul]:list-disc [&_ul]:pl-6 [&>*+*]:mt-2"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
