import { collapseWhitespace, dateOrInvalid, shown } from "../normalize";
import { arxivIdFromUrl } from "../../papers/identity";
import { rejected, toRecord, type ParsedRecord } from "../record";
import { readFeedDocument, textOf } from "./xml-feed";

/**
 * arXiv API responses (Atom with the arxiv: namespace), from the classic serializer
 * (http://arxiv.org/abs/ID ids) and the newer one (https ids, different attribute order) alike:
 * feedsmith maps both to the same entries. An API error comes back as an entry whose id is under
 * /api/errors; it is reported as such rather than as a malformed paper.
 */
export function parseArxivAtom(text: string): ParsedRecord[] {
  const document = readFeedDocument(text);
  if ("error" in document) return [rejected("document", document.error)];
  const { feed, format } = document.feed;
  if (format !== "atom") return [rejected("document", `is ${format.toUpperCase()}, not an arXiv Atom response`)];
  return (feed.entries ?? []).map((entry, index) => {
    const at = `entry ${index + 1}`;
    const id = entry.id?.trim() ?? "";
    if (/arxiv\.org\/api\/errors/i.test(id)) {
      return rejected(at, `is an arXiv API error: ${collapseWhitespace(textOf(entry.summary) ?? "no message")}`);
    }
    const arxivId = arxivIdFromUrl(id);
    if (!arxivId) return rejected(at, id ? `id ${shown(id)} is not an arXiv abstract URL` : "has no id");
    const authors = (entry.authors ?? []).flatMap((author) => (author.name ? [collapseWhitespace(author.name)] : []));
    const primary = entry.arxiv?.primaryCategory?.term;
    const categories = [primary, ...(entry.categories ?? []).map((category) => category.term)];
    return toRecord(at, {
      arxivId,
      title: collapseWhitespace(textOf(entry.title) ?? ""),
      abstract: collapseWhitespace(textOf(entry.summary) ?? ""),
      authors: authors.filter(Boolean),
      authorCount: authors.length,
      publishedAt: dateOrInvalid(entry.published ?? entry.updated),
      categories: [...new Set(categories.filter((term): term is string => Boolean(term)))],
      codeUrl: codeUrlIn(entry.arxiv?.comment),
    });
  });
}

/** Authors often put their code's address in the arXiv comment ("Code: https://github.com/..."). */
export function codeUrlIn(text: string | undefined): string | undefined {
  return text?.match(/https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com)\/[\w.-]+\/[\w.-]+/)?.[0]?.replace(/\.$/, "");
}
