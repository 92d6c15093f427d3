import { describe, expect, it } from "vitest";
import { renderCommentMarkdown } from "../../lib/comments/markdown";

describe("renderCommentMarkdown", () => {
  it("renders the subset: emphasis, code, quotes, lists, line breaks", () => {
    expect(renderCommentMarkdown("*Nice* **result**, ~~not~~ `O(n)`\nsecond line")).toBe(
      "<p><em>Nice</em> <strong>result</strong>, <s>not</s> <code>O(n)</code><br />\nsecond line</p>\n",
    );
    expect(renderCommentMarkdown("> quoted\n\n- one\n- two")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
    expect(renderCommentMarkdown("```\nx <y>\n```")).toBe("<pre><code>x &lt;y&gt;\n</code></pre>\n");
  });

  it("makes links and bare addresses clickable, nofollow, trailing punctuation left out", () => {
    expect(renderCommentMarkdown("[code](https://github.com/a/b) and https://arxiv.org/abs/2312.00752.")).toBe(
      '<p><a href="https://github.com/a/b" rel="nofollow ugc noopener noreferrer">code</a> and <a href="https://arxiv.org/abs/2312.00752" rel="nofollow ugc noopener noreferrer">https://arxiv.org/abs/2312.00752</a>.</p>\n',
    );
    expect(renderCommentMarkdown("[the paper](/papers/2312.00752)")).toContain('href="/papers/2312.00752"');
  });

  it("never lets markup, script or another scheme through", () => {
    const hostile = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[click](javascript:alert(1))",
      "[click](JAVASCRIPT:alert(1))",
      "[click](data:text/html,<script>alert(1)</script>)",
      "[click](//evil.example/x)",
      "[click](file:///etc/passwd)",
      "![tracker](https://evil.example/pixel.png)",
      '<a href="https://evil.example">x</a>',
      '[x](https://ok.example "title" onmouseover=alert(1))',
    ];
    for (const body of hostile) {
      const html = renderCommentMarkdown(body);
      // Only real tags count: escaped text may well read "onerror=". An image is only a link to it.
      const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
      for (const tag of tags) expect(tag, body).toMatch(/^<(p|br \/|a href="https:\/\/[^"]+" rel="nofollow ugc noopener noreferrer"( title="[^"]*")?|\/a)>$/);
      expect(html, body).not.toMatch(/<(script|img|iframe)/i);
    }
    expect(renderCommentMarkdown("<b>bold?</b>")).toBe("<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n");
    expect(renderCommentMarkdown("[click](javascript:alert(1))")).toBe("<p>[click](javascript:alert(1))</p>\n");
  });

  it("leaves headings, rules and tables as the text that was typed", () => {
    expect(renderCommentMarkdown("# Not a heading")).toBe("<p># Not a heading</p>\n");
    expect(renderCommentMarkdown("a\n\n---\n\nb")).not.toContain("<hr");
  });
});
