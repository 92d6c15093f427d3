import type { MailMessage } from "../mail/mailer";
import { paperHref } from "../papers/urls";
import type { PaperView } from "../papers/view";
import { formatAuthors, formatDay } from "../text/format";
import { escapeHtml, excerpt } from "../text/latex";
import type { DigestPeriod } from "./digest-periods";

/** "A. Gu, T. Dao · ▲ 12" (no authors part when the source gave none). */
const byline = (paper: PaperView) => [formatAuthors(paper.authors, paper.authorCount), `▲ ${paper.upvotes}`].filter(Boolean).join(" · ");

function periodName(digest: DigestPeriod): string {
  const last = new Date(digest.period.end.getTime() - 86_400_000);
  return digest.frequency === "daily" ? formatDay(digest.period.start) : `the week of ${formatDay(digest.period.start)} – ${formatDay(last)}`;
}

/**
 * One digest email, HTML and plain text from the same data. Every value from a paper is escaped
 * in the HTML. The unsubscribe link is in the body and in the List-Unsubscribe headers (with
 * List-Unsubscribe-Post, RFC 8058), so mail programs can offer their own one-click button.
 */
export function digestEmail(options: {
  to: string;
  digest: DigestPeriod;
  papers: PaperView[];
  origin: string;
  unsubscribeUrl: string;
  oneClickUrl: string;
  /** Ranked for the reader (a For-you subscription), not by trending. */
  forYou?: boolean;
}): MailMessage {
  const { digest, papers, origin } = options;
  const url = (paper: PaperView) => new URL(paperHref(paper.id), origin).href;
  const when = periodName(digest);
  const what = options.forYou ? "for you" : "trending";
  const subject = digest.frequency === "daily" ? `Daily Papers: ${what} on ${when}` : `Daily Papers: ${what} in ${when}`;
  const intro = options.forYou
    ? `The ${papers.length} ${papers.length === 1 ? "paper" : "papers"} of ${when} most like what you upvote.`
    : `The ${papers.length} most trending ${papers.length === 1 ? "paper" : "papers"} of ${when}.`;
  const footer = `You get this ${digest.frequency} digest because you subscribed at ${origin}.`;

  const text = [
    intro,
    "",
    ...papers.flatMap((paper, index) => [`${index + 1}. ${paper.title}`, `   ${byline(paper)}`, `   ${excerpt(paper.abstract)}`, `   ${url(paper)}`, ""]),
    "--",
    footer,
    `Unsubscribe (one click): ${options.unsubscribeUrl}`,
  ].join("\n");

  const items = papers
    .map(
      (paper) => `<li style="margin:0 0 20px">
<a href="${escapeHtml(url(paper))}" style="font-size:16px;font-weight:600;color:#111827">${escapeHtml(paper.title)}</a>
<div style="color:#6b7280;font-size:13px;margin:2px 0">${escapeHtml(byline(paper))}</div>
<div style="color:#374151;font-size:14px">${escapeHtml(excerpt(paper.abstract))}</div>
</li>`,
    )
    .join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:640px">
<h1 style="font-size:20px">Daily Papers</h1>
<p>${escapeHtml(intro)}</p>
<ol style="padding-left:20px">
${items}
</ol>
<hr style="border:none;border-top:1px solid #e5e7eb">
<p style="color:#6b7280;font-size:13px">${escapeHtml(footer)} <a href="${escapeHtml(options.unsubscribeUrl)}">Unsubscribe</a> (one click).</p>
</body></html>`;

  return {
    to: options.to,
    subject,
    text,
    html,
    headers: { "List-Unsubscribe": `<${options.oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
