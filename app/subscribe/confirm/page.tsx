import Link from "next/link";
import { LinkOutcome } from "@/app/_link-outcome";
import { getDatabase } from "@/lib/db/database";
import { AppError } from "@/lib/errors";
import { confirmSubscription } from "@/lib/subscriptions/subscriptions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Confirm subscription", robots: { index: false } };

/** Where the confirmation email's link lands: confirming is following the link. */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  try {
    const result = await confirmSubscription(getDatabase(), { token });
    return (
      <LinkOutcome ok title={result.alreadyConfirmed ? "Already confirmed" : "Subscribed"}>
        {result.email} gets the {result.frequency} digest of trending papers. Every digest has a link to unsubscribe.
      </LinkOutcome>
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <LinkOutcome ok={false} title="Could not confirm">
        {error.message} <Link href="/subscribe" className="font-medium underline">Subscribe again</Link>
      </LinkOutcome>
    );
  }
}
