import MarkdownIt from "markdown-it";

/**
 * Comments are written in a safe subset of markdown, rendered here on the server with
 * markdown-it (maintained, CommonMark-compliant, escapes what it does not render):
 * paragraphs and line breaks, *emphasis*, **strong**, ~~strike~~, `code` and code blocks,
 * > quotes, lists, [links](https://…) and bare addresses. Off: raw HTML (shown as typed),
 * images (a comment loads nothing from elsewhere), headings, rules and tables (a comment is a
 * few paragraphs, not a page).
 */
const markdown = new MarkdownIt("commonmark", { html: false, linkify: true, breaks: true })
  .enable(["linkify", "strikethrough"])
  .disable(["image", "heading", "lheading", "hr", "html_block", "html_inline"]);

// Links go to the web or to a page of this site, nowhere else (no javascript:, data:, file:).
markdown.validateLink = (url) => /^(https?:\/\/|mailto:)/i.test(url) || (url.startsWith("/") && !url.startsWith("//"));

// Written by readers: search engines give them no weight, and the page they open gets no handle back.
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]!.attrSet("rel", "nofollow ugc noopener noreferrer");
  return self.renderToken(tokens, index, options);
};

/** A comment's text as HTML: everything not in the subset above is escaped text. */
export function renderCommentMarkdown(body: string): string {
  return markdown.render(body);
}
