import Link from "next/link";
import { SubscribeForm } from "@/components/subscribe-form";

export const metadata = { title: "Subscribe" };

export default function SubscribePage() {
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Trending papers in your inbox</h1>
        <p className="mt-2 text-gray-600 dark:text-gray-400">
          The most upvoted new papers, once a day or once a week: title, authors, upvotes and the start of the abstract. We email you a link to confirm first;
          every digest has a one-click unsubscribe link.
        </p>
      </div>
      <SubscribeForm />
      <p className="text-sm text-gray-500 dark:text-gray-400">
        Prefer a feed reader? Every list has its own feed: the{" "}
        <a href="/feed.xml" className="underline">
          daily feed
        </a>
        ,{" "}
        <a href="/papers/trending/feed.atom" className="underline">
          trending
        </a>
        , and any{" "}
        <Link href="/search" className="underline">
          search
        </Link>
        .
      </p>
    </div>
  );
}
