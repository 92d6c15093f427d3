import { PaperList } from "@/components/paper-list";
import { getDatabase } from "@/lib/db/database";
import { listTrending } from "@/lib/papers/queries";
import { feedAlternates } from "@/app/_feed/feed-alternates";

export const dynamic = "force-dynamic";
export const metadata = { title: "Trending papers", alternates: feedAlternates({ pagePath: "/papers/trending", title: "Trending papers" }) };

export default async function TrendingPage() {
  const papers = await listTrending(getDatabase());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Trending papers</h1>
        <p className="mt-1 text-gray-600 dark:text-gray-400">The last seven days of the feed, ranked by upvotes that decay with time.</p>
      </div>
      {papers.length === 0 ? (
        <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center text-gray-500 dark:border-gray-700 dark:text-gray-400">
          No papers in the last seven days of the feed.
        </p>
      ) : (
        <PaperList papers={papers} />
      )}
    </div>
  );
}
