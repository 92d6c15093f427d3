import { paperHref } from "./urls";
import type { PaperView } from "./view";

/** Markdown inline text: characters that would start markup are escaped. */
function inline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

/**
 * A paper as markdown (GET /papers/{id}.md), the way Hugging Face offers it to tools and
 * language models: title, authors, dates, links, abstract. LaTeX in the abstract is kept as the
 * authors wrote it ($...$), which markdown renderers with math support display.
 */
export function paperMarkdown(paper: PaperView, origin: string): string {
  const links = [
    ["Daily Papers", new URL(paperHref(paper.id), origin).href],
    ["arXiv", paper.links.arxiv],
    ["PDF", paper.links.pdf],
    ["Code", paper.links.code],
    ["Project page", paper.links.project],
  ].flatMap(([label, url]) => (url ? [`- ${label}: <${url}>`] : []));
  const authors = paper.authors.length > 0 ? paper.authors.map(inline).join(", ") : `${paper.authorCount} authors`;
  return [
    `# ${inline(paper.title)}`,
    "",
    `**Authors:** ${authors}`,
    "",
    `**Published:** ${paper.publishedAt.slice(0, 10)} · **In the feed:** ${paper.feedDate.slice(0, 10)} · **Upvotes:** ${paper.upvotes}`,
    ...(paper.categories.length > 0 ? ["", `**Categories:** ${paper.categories.join(", ")}`] : []),
    "",
    "## Links",
    "",
    ...links,
    "",
    "## Abstract",
    "",
    paper.abstract,
    "",
  ].join("\n");
}
