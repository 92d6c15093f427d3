import { periodFeedMetadata } from "@/app/_feed/feed-alternates";
import { FeedPage, type FeedSearchParams } from "@/app/_feed/feed-page";

export const dynamic = "force-dynamic";

export const generateMetadata = periodFeedMetadata("month");

export default async function MonthPage({ params, searchParams }: { params: Promise<{ month: string }>; searchParams: FeedSearchParams }) {
  return <FeedPage kind="month" periodKey={(await params).month} searchParams={searchParams} />;
}
