import { periodFeedMetadata } from "@/app/_feed/feed-alternates";
import { FeedPage, type FeedSearchParams } from "@/app/_feed/feed-page";

export const dynamic = "force-dynamic";

export const generateMetadata = periodFeedMetadata("week");

export default async function WeekPage({ params, searchParams }: { params: Promise<{ week: string }>; searchParams: FeedSearchParams }) {
  return <FeedPage kind="week" periodKey={(await params).week} searchParams={searchParams} />;
}
