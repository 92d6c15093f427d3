import Link from "next/link";
import { LinkAction } from "@/app/_link-action";
import { LinkOutcome } from "@/app/_link-outcome";
import { getDatabase } from "@/lib/db/database";
import { AppError, orAppError } from "@/lib/errors";
import { subscriptionOfLink } from "@/lib/subscriptions/link-subscription";

export const dynamic = "force-dynamic";
export const metadata = { title: "Confirm subscription", robots: { index: false } };

/**
 * Where the confirmation email's link lands. Opening it only shows the address and a button:
 * mail scanners follow links, so confirming is the button's post (/api/subscriptions/confirm),
 * which comes back here with done=1.
 */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string | string[]; done?: string | string[] }> }) {
  const { token: given, done } = await searchParams;
  const token = typeof given === "string" ? given : "";
  // A link that is expired, unknown or used up is the reader's to fix, not an error page.
  const subscription = await orAppError(subscriptionOfLink(getDatabase(), { token, purpose: "confirm" }));
  if (subscription instanceof AppError)
    return (
      <LinkOutcome ok={false} title="Could not confirm">
        {subscription.message}{" "}
        <Link href="/subscribe" className="font-medium underline">
          Subscribe again
        </Link>
      </LinkOutcome>
    );
  if (subscription.unsubscribed) {
    return (
      <LinkOutcome ok={false} title="Could not confirm">
        {subscription.email} has unsubscribed since this link was sent.{" "}
        <Link href="/subscribe" className="font-medium underline">
          Subscribe again
        </Link>{" "}
        to get digests.
      </LinkOutcome>
    );
  }
  if (subscription.confirmed) {
    return (
      <LinkOutcome ok title={done === "1" ? "Subscribed" : "Already confirmed"}>
        {subscription.email} gets the {subscription.frequency} digest of trending papers. Every digest has a link to unsubscribe.
      </LinkOutcome>
    );
  }
  return (
    <LinkAction title="Confirm your subscription" action="/api/subscriptions/confirm" token={token} button="Confirm subscription">
      Send the {subscription.frequency} digest of trending papers to <strong className="font-semibold">{subscription.email}</strong>?
    </LinkAction>
  );
}
