import { describe, expect, it } from "vitest";
import { toBibtex } from "../../lib/papers/bibtex";
import type { PaperView } from "../../lib/papers/view";

const paper = (changes: Partial<PaperView> = {}): PaperView => ({
  id: "1706.03762",
  arxivId: "1706.03762",
  title: "Attention Is All You Need",
  abstract: "",
  authors: ["Ashish Vaswani", "Noam Shazeer", "Łukasz Kaiser"],
  authorCount: 3,
  publishedAt: "2017-06-12T00:00:00.000Z",
  feedDate: "2017-06-12T00:00:00.000Z",
  upvotes: 0,
  numComments: 0,
  hidden: false,
  categories: ["cs.CL", "cs.LG"],
  submittedBy: null,
  thumbnail: null,
  links: { arxiv: "https://arxiv.org/abs/1706.03762", pdf: null, code: null, project: null },
  ...changes,
});

describe("toBibtex", () => {
  it("writes arXiv's @misc entry with eprint, primary class and every author", () => {
    expect(toBibtex(paper(), "http://localhost:3000/papers/1706.03762")).toBe(
      [
        "@misc{vaswani2017attention,",
        "  title         = {Attention Is All You Need},",
        "  author        = {Ashish Vaswani and Noam Shazeer and Łukasz Kaiser},",
        "  year          = {2017},",
        "  eprint        = {1706.03762},",
        "  archivePrefix = {arXiv},",
        "  primaryClass  = {cs.CL},",
        "  url           = {https://arxiv.org/abs/1706.03762}",
        "}",
      ].join("\n"),
    );
  });

  it("without an arXiv id or authors, cites the paper's page and leaves the author out", () => {
    const entry = toBibtex(
      paper({ arxivId: null, authors: [], links: { arxiv: null, pdf: null, code: null, project: null } }),
      "https://papers.example/papers/x",
    );
    expect(entry).toMatch(/^@misc\{paper2017attention,/);
    expect(entry).not.toMatch(/author|eprint|archivePrefix/);
    expect(entry).toContain("url   = {https://papers.example/papers/x}");
    const unknownAddress = toBibtex(paper({ arxivId: null, links: { arxiv: null, pdf: null, code: null, project: null } }), null);
    expect(unknownAddress).not.toContain("url");
    expect(unknownAddress).toMatch(/year {3}= \{2017\}\n\}$/);
  });

  it("escapes LaTeX's specials outside math, keeps balanced braces and math, drops unbalanced braces", () => {
    const entry = toBibtex(paper({ title: "Q&A at 100% on {BERT}: $\\alpha_1$-nets for #tags_x}" }), "u");
    expect(entry).toContain("title         = {Q\\&A at 100\\% on BERT: $\\alpha_1$-nets for \\#tags\\_x},");
    expect(toBibtex(paper({ title: "On {BERT} and\n  friends" }), "u")).toContain("{On {BERT} and friends}");
  });

  it("folds accents in the key", () => {
    expect(toBibtex(paper({ authors: ["Jürgen Schmidhuber"] }), "u")).toMatch(/^@misc\{schmidhuber2017attention,/);
  });
});
