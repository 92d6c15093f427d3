import { periodFeedMetadata } from "@/app/_feed/feed-alternates";
import { FeedPage, type FeedSearchParams } from "@/app/_feed/feed-page";

export const dynamic = "force-dynamic";

export const generateMetadata = periodFeedMetadata("date");

export default async function DayPage({ params, searchParams }: { params: Promise<{ date: string }>; searchParams: FeedSearchParams }) {
  return <FeedPage kind="day" periodKey={(await params).date} searchParams={searchParams} />;
}
