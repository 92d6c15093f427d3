import type { PaperView } from "./view";

// Characters BibTeX (and LaTeX after it) reads as commands: written so they come out as typed.
// Braces are kept when balanced, since titles use them to protect capitals ({BERT}).
const SPECIAL: Record<string, string> = { "&": "\\&", "%": "\\%", "#": "\\#", _: "\\_", $: "\\$" };

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === "{") depth++;
    else if (char === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

/** A field value for between braces: one line, LaTeX's specials escaped, unbalanced braces dropped. */
function field(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  // A title that is already LaTeX ($\alpha$-nets) keeps its math: only text outside it is escaped.
  const escaped = oneLine
    .split(/(\$[^$]+\$)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[&%#_$]/g, (char) => SPECIAL[char]!)))
    .join("");
  return balanced(escaped) ? escaped : escaped.replace(/[{}]/g, "");
}

/** "vaswani2017attention": first author's family name, year, first long word of the title (ASCII). */
function citationKey(paper: PaperView): string {
  const ascii = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  const family =
    ascii(paper.authors[0] ?? "")
      .split(" ")
      .at(-1) || "paper";
  const word =
    ascii(paper.title)
      .split(" ")
      .find((candidate) => candidate.length > 3) ?? "";
  return `${family}${paper.publishedAt.slice(0, 4)}${word}`;
}

/**
 * The paper as a BibTeX entry, the way arXiv's own export writes one (@misc with eprint,
 * archivePrefix and primaryClass when the arXiv id is known). `url` is arXiv's page, else this
 * site's page of the paper when its public address is known (`paperUrl`), else the PDF's.
 */
export function toBibtex(paper: PaperView, paperUrl: string | null): string {
  const url = paper.links.arxiv ?? paperUrl ?? paper.links.pdf;
  const fields: Array<[string, string]> = [
    ["title", field(paper.title)],
    ...(paper.authors.length > 0 ? [["author", paper.authors.map(field).join(" and ")] as [string, string]] : []),
    ["year", paper.publishedAt.slice(0, 4)],
    ...(paper.arxivId
      ? ([["eprint", paper.arxivId], ["archivePrefix", "arXiv"], ...(paper.categories[0] ? [["primaryClass", paper.categories[0]]] : [])] as Array<
          [string, string]
        >)
      : []),
    ...(url ? [["url", url] as [string, string]] : []),
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  return `@misc{${citationKey(paper)},\n${fields.map(([name, value]) => `  ${name.padEnd(width)} = {${value}}`).join(",\n")}\n}`;
}
