import Link from "next/link";
import { LinkOutcome } from "@/app/_link-outcome";
import { getDatabase } from "@/lib/db/database";
import { AppError } from "@/lib/errors";
import { unsubscribe } from "@/lib/subscriptions/subscriptions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Unsubscribe", robots: { index: false } };

/** Where a digest's unsubscribe link lands: one click, no sign-in, effective at once. */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  try {
    const result = await unsubscribe(getDatabase(), { token });
    return (
      <LinkOutcome ok title="Unsubscribed">
        {result.alreadyUnsubscribed ? `${result.email} was already unsubscribed.` : `${result.email} will get no more digests.`}{" "}
        Changed your mind? <Link href="/subscribe" className="font-medium underline">Subscribe again</Link>.
      </LinkOutcome>
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return <LinkOutcome ok={false} title="Could not unsubscribe">{error.message}</LinkOutcome>;
  }
}
