import Link from "next/link";
import { LinkAction } from "@/app/_link-action";
import { LinkOutcome } from "@/app/_link-outcome";
import { getDatabase } from "@/lib/db/database";
import { AppError, orAppError } from "@/lib/errors";
import { subscriptionOfLink } from "@/lib/subscriptions/link-subscription";

export const dynamic = "force-dynamic";
export const metadata = { title: "Unsubscribe", robots: { index: false } };

/**
 * Where a digest's unsubscribe link lands; no sign-in. Opening it only shows the address and a
 * button (mail scanners follow links): the button posts to the one-click address mail programs
 * use (/api/unsubscribe), which takes effect at once and comes back here with done=1.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; done?: string | string[] }> }) {
  const { token: given, done } = await searchParams;
  const token = typeof given === "string" ? given : "";
  // A link that is expired, unknown or used up is the reader's to fix, not an error page.
  const subscription = await orAppError(subscriptionOfLink(getDatabase(), { token, purpose: "unsubscribe" }));
  if (subscription instanceof AppError)
    return (
      <LinkOutcome ok={false} title="Could not unsubscribe">
        {subscription.message}
      </LinkOutcome>
    );
  if (subscription.unsubscribed) {
    return (
      <LinkOutcome ok title="Unsubscribed">
        {done === "1" ? `${subscription.email} will get no more digests.` : `${subscription.email} is unsubscribed: no digests are sent to it.`} Changed your
        mind?{" "}
        <Link href="/subscribe" className="font-medium underline">
          Subscribe again
        </Link>
        .
      </LinkOutcome>
    );
  }
  return (
    <LinkAction title="Unsubscribe" action={`/api/unsubscribe?token=${encodeURIComponent(token)}`} button="Unsubscribe">
      Stop sending the {subscription.frequency} digest to <strong className="font-semibold">{subscription.email}</strong>? It takes effect at once.
    </LinkAction>
  );
}
