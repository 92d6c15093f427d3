import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "../auth/secret";
import { ValidationError } from "../errors";

export type LinkPurpose = "confirm" | "unsubscribe";

/** How long a confirmation link works. Unsubscribe links never expire (RFC 8058 one-click). */
export const CONFIRM_LINK_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

// A key of its own, derived from the session secret, so a link token can never pass for a cookie.
function key(): Buffer {
  return createHmac("sha256", authSecret()).update("daily-papers subscription links v1").digest();
}

function mac(payload: string): Buffer {
  return createHmac("sha256", key()).update(payload).digest();
}

/**
 * A signed token for an email link: which subscription, for what, until when. Signed rather
 * than stored, so a link works without a table of tokens and cannot be forged or repurposed.
 */
export function signLinkToken(options: { purpose: LinkPurpose; subscriptionId: string; expiresAt?: Date }): string {
  const payload = [options.purpose, options.subscriptionId, options.expiresAt ? options.expiresAt.getTime().toString(36) : "-"].join(".");
  return `${Buffer.from(payload).toString("base64url")}.${mac(payload).toString("base64url")}`;
}

/** The subscription a link is for; a ValidationError with a message a person can act on otherwise. */
export function readLinkToken(token: unknown, options: { purpose: LinkPurpose; now?: Date }): string {
  const invalid = new ValidationError(
    options.purpose === "confirm"
      ? "This confirmation link is not valid (it may have been cut short by your mail program). Subscribe again to get a new one."
      : "This unsubscribe link is not valid (it may have been cut short by your mail program). Use the link in your latest digest.",
  );
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/.test(token)) throw invalid;
  const [encoded, signature] = token.split(".") as [string, string];
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = mac(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  const [purpose, subscriptionId, expires] = payload.split(".");
  if (purpose !== options.purpose || !subscriptionId || expires === undefined) throw invalid;
  if (expires !== "-" && parseInt(expires, 36) < (options.now ?? new Date()).getTime()) {
    throw new ValidationError("This confirmation link has expired. Subscribe again and use the new link within 3 days.");
  }
  return subscriptionId;
}
