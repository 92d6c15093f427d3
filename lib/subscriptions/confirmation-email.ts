import type { MailMessage } from "../mail/mailer";
import { escapeHtml } from "../text/latex";
import type { Frequency } from "./schema";

/** The double opt-in email: one link, nothing sent until it is followed. */
export function confirmationEmail(options: { to: string; frequency: Frequency; confirmUrl: string; origin: string }): MailMessage {
  const { to, frequency, confirmUrl, origin } = options;
  const text = [
    `Someone (hopefully you) asked for the ${frequency} Daily Papers digest at ${origin} for this address.`,
    "",
    "Confirm with this link (it works for 3 days):",
    confirmUrl,
    "",
    "If it was not you, ignore this email: nothing will be sent without the confirmation.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
<p>Someone (hopefully you) asked for the <strong>${frequency}</strong> Daily Papers digest at ${escapeHtml(origin)} for this address.</p>
<p><a href="${escapeHtml(confirmUrl)}" style="display:inline-block;background:#111827;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">Confirm my subscription</a></p>
<p style="color:#555;font-size:14px">The link works for 3 days. If it was not you, ignore this email: nothing will be sent without the confirmation.</p>
</body></html>`;
  return { to, subject: "Confirm your Daily Papers subscription", text, html };
}
