import Link from "next/link";
import { SubscribeForm } from "@/components/subscribe-form";
import { sendsEmail } from "@/lib/mail/mailer";

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
      {sendsEmail() ? (
        <SubscribeForm />
      ) : (
        <p
          role="status"
          className="rounded-lg border border-gray-200 bg-gray-50 p-4 text-sm text-gray-700 dark:border-gray-800 dark:bg-gray-900 dark:text-gray-300"
        >
          This server sends no email (its admin has not set <code>SMTP_URL</code>), so there is no digest to subscribe to here.
        </p>
      )}
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
