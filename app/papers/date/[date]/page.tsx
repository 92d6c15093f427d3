import { FeedPage, type FeedSearchParams } from "@/app/_feed/feed-page";

export const dynamic = "force-dynamic";

export default async function DayPage({ params, searchParams }: { params: Promise<{ date: string }>; searchParams: FeedSearchParams }) {
  return <FeedPage kind="day" periodKey={(await params).date} searchParams={searchParams} />;
}
