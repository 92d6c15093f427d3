import katex from "katex";

/**
 * Turns a title or abstract into safe HTML: text is escaped, and inline math ($...$, \(...\))
 * and display math ($$...$$, \[...\]) are rendered by KaTeX on the server. KaTeX runs with
 * trust off, so \href, \url and raw HTML commands cannot produce links or markup; a formula
 * KaTeX cannot parse is shown as its escaped source. Nothing in the input can inject markup.
 *
 * `proseHtml` turns the text between formulas into HTML (search marks its matches there, never
 * inside a formula); it must escape what it is given. `inline` renders display math inline, as
 * a one-paragraph search snippet needs.
 */
export function renderRichText(text: string, { proseHtml = escapeHtml, inline = false }: RichTextOptions = {}): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(MATH)) {
    html += proseHtml(unescapeProse(text.slice(last, match.index)));
    const [source, display, inlineTex, parenInline, bracketDisplay] = match;
    const tex = display ?? inlineTex ?? parenInline ?? bracketDisplay ?? "";
    html += renderMath(tex, source, !inline && (display !== undefined || bracketDisplay !== undefined));
    last = match.index + source.length;
  }
  return html + proseHtml(unescapeProse(text.slice(last)));
}

export type RichTextOptions = { proseHtml?: (text: string) => string; inline?: boolean };

/** Where a text's formulas are, as [start, end) offsets: a cut inside one would show raw TeX. */
export function mathRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(MATH)].map((match) => [match.index, match.index + match[0].length]);
}

// Outside math, arXiv abstracts still escape a few characters TeX-style ("4.23\% error").
const unescapeProse = (text: string) => text.replace(/\\([%&_#$])/g, "$1");

// $$..$$ | $..$ (pandoc's rule: no space inside the dollars, no digit right after the closing
// one, so "$5 and $10" stays text) | \(..\) | \[..\]
const MATH = /\$\$([^$]+?)\$\$|(?<![\\$])\$(?![\s$])((?:\\\$|[^$])+?)(?<![\s\\])\$(?!\d)|\\\((.+?)\\\)|\\\[(.+?)\\\]/gs;

function renderMath(tex: string, source: string, displayMode: boolean): string {
  try {
    return katex.renderToString(tex, { displayMode, throwOnError: true, trust: false, strict: "ignore", maxSize: 10, maxExpand: 200 });
  } catch {
    return escapeHtml(source);
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/**
 * The start of a text, cut at a word near `max` characters and never inside a $...$ formula,
 * so a card's excerpt still renders its math.
 */
export function excerpt(text: string, max = 300): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(" ", max);
  if (cut < max / 2) cut = max;
  const dollars = (text.slice(0, cut).match(/(?<!\\)\$/g) ?? []).length;
  if (dollars % 2 === 1) cut = text.lastIndexOf("$", cut - 1);
  return `${text.slice(0, cut).trimEnd()}…`;
}
