import { describe, expect, it } from "vitest";
import { arxivIdFromUrl, canonicalPaperId, isArxivCategory, normalizeArxivId, slugForTitle, titleKey } from "../../../lib/papers/identity";

describe("paper identity", () => {
  it.each([
    ["2312.00752", "2312.00752"],
    ["2312.00752v2", "2312.00752"],
    ["arXiv:2312.00752v2", "2312.00752"],
    ["oai:arXiv.org:2511.01234v1", "2511.01234"],
    ["0704.0001", "0704.0001"],
    ["hep-th/9901001", "hep-th/9901001"],
    ["hep-th/9901001v3", "hep-th/9901001"],
    ["math.GT/0309136", "math/0309136"],
    ["2312.0075", null],
    ["not an id", null],
    ["../2312.00752", null],
  ])("arXiv id %s -> %s", (raw, expected) => {
    expect(normalizeArxivId(raw)).toBe(expected);
  });

  it.each([
    ["https://arxiv.org/abs/2312.00752v2", "2312.00752"],
    ["http://arxiv.org/pdf/2312.00752v1", "2312.00752"],
    ["https://arxiv.org/pdf/2312.00752v1.pdf", "2312.00752"],
    ["https://export.arxiv.org/abs/hep-th/9901001?context=x", "hep-th/9901001"],
    ["https://huggingface.co/papers/2410.18533", "2410.18533"],
    ["https://huggingface.co/spaces/nanotron/ultrascale-playbook", null],
    ["https://example.com/abs/2312.00752", null],
  ])("id in URL %s -> %s", (url, expected) => {
    expect(arxivIdFromUrl(url)).toBe(expected);
  });

  it("matches titles across case, accents and punctuation", () => {
    expect(titleKey("Attention Is All You Need!")).toBe(titleKey("attention is all you need"));
    expect(titleKey("Balázs’ Théorème")).toBe("balazs theoreme");
  });

  it("makes deterministic URL-safe slugs, short enough and apart for long look-alike titles", () => {
    expect(slugForTitle("VidLA: Video-Language Alignment at Scale")).toBe("vidla-video-language-alignment-at-scale");
    const long = "A ".repeat(5) + "very long title about deep networks ".repeat(5);
    const a = slugForTitle(`${long} part one`);
    const b = slugForTitle(`${long} part two`);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(90);
    expect(a).toMatch(/^[a-z0-9-]+$/);
    expect(slugForTitle("深度学习")).toMatch(/^paper-[0-9a-f]{8}$/);
    expect(slugForTitle("VidLA: Video-Language Alignment at Scale")).toBe(slugForTitle("VidLA: Video-Language Alignment at Scale"));
  });

  it("tells arXiv categories from keywords", () => {
    expect(["cs.CL", "hep-th", "math.AG", "astro-ph.CO", "quant-ph"].every(isArxivCategory)).toBe(true);
    expect(["hallucination", "Machine Learning", "cs", "llm"].some((tag) => tag !== "cs" && isArxivCategory(tag))).toBe(false);
  });

  it("stores arXiv ids without version or prefix and keeps any other id as given", () => {
    expect(canonicalPaperId("arXiv:2312.00752v2")).toBe("2312.00752");
    expect(canonicalPaperId("vidla-video-language-alignment-at-scale")).toBe("vidla-video-language-alignment-at-scale");
  });
});
