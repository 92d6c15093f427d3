/** What an empty database shows: how to put papers in, not an error. */
export function EmptyFeed() {
  return (
    <section className="mx-auto mt-10 max-w-2xl rounded-xl border border-dashed border-gray-300 p-6 dark:border-gray-700">
      <h1 className="text-xl font-semibold">No papers yet</h1>
      <p className="mt-2 text-gray-600 dark:text-gray-400">Ingest a listing to fill the feed, for example the bundled sample page:</p>
      <pre className="mt-4 overflow-x-auto rounded-lg bg-gray-100 p-3 text-sm dark:bg-gray-900">
        <code>npm run ingest -- prisma/sample/daily-papers-page.txt</code>
      </pre>
      <p className="mt-4 text-sm text-gray-600 dark:text-gray-400">
        It reads Daily Papers page text, Hugging Face&apos;s JSON API, arXiv API and metadata snapshot files, and RSS, Atom or JSON feeds. See the README for
        every option.
      </p>
    </section>
  );
}
