import { createHash } from "node:crypto";

/*
 * How a paper is identified, wherever it comes from: by its arXiv id (versions, prefixes and
 * old-style ids folded to one form), else by its title. Ingest, search, the paper pages and
 * submit all read ids through this module.
 */

const NEW_STYLE_ID = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
// Old-style ids: archive[.SUBJECT-CLASS]/YYMMNNN; the subject class is not part of the id.
const OLD_STYLE_ID = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z-]{2,})?\/(\d{7})(?:v\d+)?$/;

/**
 * The canonical arXiv id without version ("2312.00752", "hep-th/9901001") for an id in any of
 * the forms sources write it ("arXiv:2312.00752v2", "oai:arXiv.org:2312.00752v1",
 * "2312.00752v2"), or null when the text is not an arXiv id.
 */
export function normalizeArxivId(raw: string): string | null {
  const text = raw.trim().replace(/^(?:oai:arxiv\.org:|arxiv:)/i, "");
  const modern = NEW_STYLE_ID.exec(text);
  // Four digits after the dot until 2014 (0704.0001), five since 2015 (1501.00001).
  if (modern) {
    const id = modern[1]!;
    const fiveDigits = id.length === 10;
    return fiveDigits === id.slice(0, 4) >= "1501" ? id : null;
  }
  const old = OLD_STYLE_ID.exec(text);
  return old ? `${old[1]}/${old[2]}` : null;
}

const ARXIV_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
const HF_PAPER_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/papers\/(.+?)\/?(?:[?#].*)?$/i;

const MAX_URL = 2_048;

/** The arXiv id an arXiv or Hugging Face paper URL carries, or null. */
export function arxivIdFromUrl(url: string): string | null {
  const text = url.trim();
  // A URL has no white space; with a line break in it the patterns above backtrack
  // quadratically (3 s for 30 KB of "?").
  if (text.length > MAX_URL || /\s/.test(text)) return null;
  const match = ARXIV_URL.exec(text) ?? HF_PAPER_URL.exec(text);
  return match ? normalizeArxivId(match[1]!) : null;
}

// arXiv's archives; a category is one of them with an optional subject class ("cs.CL", "hep-th").
const ARXIV_CATEGORY =
  /^(?:(?:cs|math|physics|stat|q-bio|q-fin|eess|econ|astro-ph|cond-mat|nlin)(?:\.[A-Za-z-]{2,})?|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nucl-ex|nucl-th|quant-ph)$/;

/** Whether a feed's tag is an arXiv category, not a free-form keyword. */
export function isArxivCategory(tag: string): boolean {
  return ARXIV_CATEGORY.test(tag);
}

/** The id a paper is stored under: arXiv ids without version or prefix, anything else as given. */
export function canonicalPaperId(id: string): string {
  return normalizeArxivId(id) ?? id;
}

/** Title reduced to what identifies a paper across sources: no case, accents or punctuation. */
export function titleKey(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const SLUG_MAX = 80;

/**
 * The id of a paper without an arXiv id: ASCII words of its title joined by hyphens, so the same
 * title always gives the same URL. A long title is cut at a word and gets a short hash of the
 * whole title, so two long titles that start alike stay apart; a title with no ASCII letters
 * (e.g. only Chinese) becomes "paper-<hash>".
 */
export function slugForTitle(title: string): string {
  const key = titleKey(title);
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 8);
  const words = key
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(" ")
    .filter(Boolean);
  const slug = words.join("-");
  if (!slug) return `paper-${hash}`;
  if (slug.length <= SLUG_MAX) return slug;
  const cut = slug.slice(0, SLUG_MAX).replace(/-[^-]*$/, "");
  return `${cut}-${hash}`;
}
