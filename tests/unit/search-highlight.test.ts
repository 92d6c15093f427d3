import { describe, expect, it } from "vitest";
import { highlight, snippet } from "@/lib/search/highlight";
import { parseSearchQuery } from "@/lib/search/query";

const query = (q: string) => parseSearchQuery(q);
const formulas = (html: string) => html.match(/class="katex"/g)?.length ?? 0;

describe("search highlighting with LaTeX", () => {
  it("marks the matched words and renders the formulas of a title", () => {
    const html = highlight("Sparse attention in $O(n \\log n)$ time", query("sparse time"));
    expect(html).toContain("<mark>Sparse</mark>");
    expect(html).toContain("<mark>time</mark>");
    expect(formulas(html)).toBe(1);
    expect(html).not.toContain("$O(");
  });

  it("never puts a mark inside a formula, even when a query word is in it", () => {
    const html = highlight("We bound $\\mathrm{attention}(x)$ for attention layers", query("attention"));
    expect(html.match(/<mark>/g)).toHaveLength(1);
    const formula = html.slice(html.indexOf('class="katex"'), html.lastIndexOf("</span>"));
    expect(formula).not.toContain("<mark>");
  });

  it("renders display math inline in a snippet", () => {
    const html = highlight("The loss $$L = \\sum_i x_i$$ converges", query("loss"));
    expect(formulas(html)).toBe(1);
    expect(html).not.toContain("katex-display");
  });

  it("keeps an unparsable formula as escaped source", () => {
    const html = highlight("A $\\frac{1}{$ broken <b>formula</b>", query("broken"));
    expect(html).toContain("&lt;b&gt;");
    expect(html).toContain("<mark>broken</mark>");
  });

  it("moves a window's cut out of a formula at either end", () => {
    const before = "word ".repeat(60);
    const formula = "$\\alpha + \\beta + \\gamma + \\delta + \\epsilon$";
    const text = `${before}${formula} target ${"more words here ".repeat(30)}${formula} end`;
    for (const length of [120, 200, 260, 300]) {
      const html = snippet(text, query("target"), length);
      expect(html).toContain("<mark>target</mark>");
      // Every dollar that reached the snippet was rendered: no half formula shows as raw TeX.
      expect(html.replace(/<annotation[^]*?<\/annotation>/g, "")).not.toMatch(/\$|\\alpha|\\beta/);
    }
  });

  it("escapes hostile text between and around formulas", () => {
    const html = snippet(`<script>alert(1)</script> $x$ ${"pad ".repeat(100)}<img src=x onerror=alert(1)>`, query("pad"));
    expect(html).not.toMatch(/<script|<img/);
  });
});
