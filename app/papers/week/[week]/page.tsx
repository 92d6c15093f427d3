import { FeedPage, type FeedSearchParams } from "@/app/_feed/feed-page";

export const dynamic = "force-dynamic";

export default async function WeekPage({ params, searchParams }: { params: Promise<{ week: string }>; searchParams: FeedSearchParams }) {
  return <FeedPage kind="week" periodKey={(await params).week} searchParams={searchParams} />;
}
