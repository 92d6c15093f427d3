/** A piece of a comment: plain text, or a link to show as one. */
export type CommentPart = { text: string } | { url: string };

// http(s) URLs up to white space; trailing punctuation belongs to the sentence, not the link.
const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
const TRAILING = /[.,;:!?)\]'"]+$/;

/**
 * Splits a comment into text and links. The parts are rendered by React, which escapes text,
 * so a comment can make links clickable but can never inject markup.
 */
export function linkify(body: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, "");
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ url });
    last = match.index + url.length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}
