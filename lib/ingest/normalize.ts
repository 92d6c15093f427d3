import { createHash } from "node:crypto";

// C0 control characters other than white space, DEL, and any surrogate (a pair is fine, half
// of one is not): worth a second look before text is stored.
const SUSPECT = /[\u0000-\u0008\u000e-\u001f\u007f\ud800-\udfff]/;
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/**
 * arXiv hard-wraps titles and abstracts; every run of white space becomes one space. Control
 * characters count as white space (PostgreSQL cannot store NUL, and none means anything in a
 * title), and half a surrogate pair becomes U+FFFD, which is what either database would store:
 * text read again then compares equal to what was stored.
 */
export function collapseWhitespace(text: string): string {
  const plain = SUSPECT.test(text) ? text.replace(CONTROLS, " ").replace(LONE_SURROGATES, "\ufffd") : text;
  // Only runs that are not already one plain space are replaced: 3-4x faster on abstracts,
  // which are mostly single spaces (this is the hottest line of a snapshot ingest).
  return plain.replace(/ \s+|[^\S ]\s*/g, " ").trim();
}

/** Whether a string holds what neither database stores as given: a control character or half a surrogate pair. */
export function unstorableText(text: string): "a control character" | "a broken Unicode character" | null {
  if (!SUSPECT.test(text)) return null;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return "a control character";
  return LONE_SURROGATE.test(text) ? "a broken Unicode character" : null;
}

/** A value from the source for a message: quoted, escaped and cut short, so a reason stays one readable line. */
export function shown(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

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

/**
 * A list of names as one string ("A. One, B. Two and C. Three") as names, white space
 * collapsed first: `\s+and\s+` on the raw text would backtrack quadratically on long runs of
 * white space.
 */
export function splitAuthorList(names: string): string[] {
  return collapseWhitespace(names)
    .split(/, ?| and /)
    .map((name) => name.trim());
}

/** Title reduced to what identifies a paper across sources: no case, accents or punctuation. */
export function titleKey(title: string): string {
  return collapseWhitespace(
    title
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " "),
  );
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

/** A date from an ISO 8601 or RFC 2822 string, or null when it is not one. */
export function parseDate(text: unknown): Date | null {
  if (typeof text !== "string" || !text.trim()) return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A Date for the paper schema to check: missing stays undefined, unparseable becomes an invalid Date. */
export function dateOrInvalid(value: unknown): Date | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return parseDate(value) ?? new Date(Number.NaN);
}

// arXiv's archives; a category is one of them with an optional subject class ("cs.CL", "hep-th").
const ARXIV_CATEGORY =
  /^(?:(?:cs|math|physics|stat|q-bio|q-fin|eess|econ|astro-ph|cond-mat|nlin)(?:\.[A-Za-z-]{2,})?|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math-ph|nucl-ex|nucl-th|quant-ph)$/;

/** Whether a feed's tag is an arXiv category, not a free-form keyword. */
export function isArxivCategory(tag: string): boolean {
  return ARXIV_CATEGORY.test(tag);
}
