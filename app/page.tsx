import { feedAlternates } from "./_feed/feed-alternates";
import { FeedPage, type FeedSearchParams } from "./_feed/feed-page";

// Reads the database on every request: the feed changes whenever an ingest runs.
export const dynamic = "force-dynamic";
export const metadata = { alternates: feedAlternates({ pagePath: "/", title: "Daily Papers" }) };

export default function Home({ searchParams }: { searchParams: FeedSearchParams }) {
  return <FeedPage kind="day" periodKey={null} searchParams={searchParams} />;
}
