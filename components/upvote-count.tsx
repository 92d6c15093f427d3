/** The upvote box on the left of a card; the button that toggles it comes with accounts. */
export function UpvoteCount({ upvotes }: { upvotes: number }) {
  return (
    <div
      className="flex h-14 w-12 shrink-0 flex-col items-center justify-center rounded-lg border border-gray-200 bg-gray-50 text-sm dark:border-gray-800 dark:bg-gray-900"
      aria-label={`${upvotes} ${upvotes === 1 ? "upvote" : "upvotes"}`}
    >
      <span aria-hidden className="text-xs leading-none text-gray-400">▲</span>
      <span className="mt-1 font-semibold tabular-nums">{upvotes}</span>
    </div>
  );
}
