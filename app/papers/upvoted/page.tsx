import { redirect } from "next/navigation";
import { PaperList } from "@/components/paper-list";
import { getDatabase } from "@/lib/db/database";
import { listUpvotedPapers } from "@/lib/papers/upvotes";
import { currentUser } from "@/app/_session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your upvoted papers" };

/** The signed-in account's reading list: what it upvoted, newest vote first. */
export default async function UpvotedPage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=/papers/upvoted");
  const papers = await listUpvotedPapers(getDatabase(), { userId: user.id });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Your upvoted papers</h1>
        <p className="mt-1 text-gray-600 dark:text-gray-400">Newest vote first — your reading list.</p>
      </div>
      {papers.length === 0 ? (
        <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center text-gray-500 dark:border-gray-700 dark:text-gray-400">
          Nothing yet: upvote a paper and it shows up here.
        </p>
      ) : (
        <PaperList papers={papers} />
      )}
    </div>
  );
}
