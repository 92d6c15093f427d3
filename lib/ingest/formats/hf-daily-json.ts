import { collapseWhitespace, dateOrInvalid, shown } from "../normalize";
import { normalizeArxivId } from "../../papers/identity";
import { rejected, toRecord, type ParsedRecord } from "../record";

/**
 * Hugging Face's JSON: the array GET /api/daily_papers returns (entries wrapping a `paper`, with
 * the entry's own `publishedAt` as the day it entered the daily feed), a single such entry, or
 * GET /api/papers/{id}'s bare paper object (no feed day).
 */
export function parseHfDailyJson(text: string): ParsedRecord[] {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return [rejected("document", `is not valid JSON (${(error as Error).message})`)];
  }
  if (Array.isArray(document)) return document.map((item, index) => readItem(item, `entry ${index}`));
  if (!isObject(document)) return [rejected("document", "is neither a list of papers nor a paper object")];
  // One paper object is one record, not the document: a bad one is rejected like any entry.
  return [readItem(document, "paper")];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" ? collapseWhitespace(value) : undefined);
const url = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);

function readItem(item: unknown, at: string): ParsedRecord {
  if (!isObject(item)) return rejected(at, "is not an object");
  const wrapped = isObject(item.paper);
  const paper = wrapped ? (item.paper as Json) : item;
  const rawId = typeof paper.id === "string" ? paper.id : undefined;
  const arxivId = rawId ? normalizeArxivId(rawId) : null;
  if (rawId && !arxivId) return rejected(at, `id ${shown(rawId)} is not an arXiv id`);
  const authors = Array.isArray(paper.authors)
    ? paper.authors.flatMap((author) => (isObject(author) && typeof author.name === "string" ? [collapseWhitespace(author.name)] : []))
    : [];
  // The feed day: the daily list's own publishedAt, else the newer API's submittedOnDailyAt.
  const feedDay = wrapped ? (item.publishedAt ?? paper.submittedOnDailyAt) : paper.submittedOnDailyAt;
  return toRecord(at, {
    arxivId,
    title: text(paper.title) ?? text(item.title),
    abstract: text(paper.summary) ?? text(item.summary),
    authors: authors.filter(Boolean),
    authorCount: authors.length,
    publishedAt: dateOrInvalid(paper.publishedAt),
    feedDate: feedDay === undefined ? undefined : dateOrInvalid(feedDay),
    upvotes: paper.upvotes,
    categories: [],
    codeUrl: url(paper.githubRepo),
    projectUrl: url(paper.projectPage),
    // A picture is shown on pages: only an https one is kept, and a bad one costs the paper nothing.
    thumbnailUrl: wrapped ? httpsPicture(url(item.thumbnail)) : undefined,
    sourceSubmitter: submitterName(wrapped ? item.submittedBy : undefined) ?? submitterName(paper.submittedOnDailyBy),
  });
}

const httpsPicture = (address: string | undefined) => (address && /^https:\/\/[^\s"'<>]+$/.test(address) ? address : undefined);

/** A Hugging Face user object's display name ("Zesen Cheng"), else its account name ("ClownRat"). */
function submitterName(user: unknown): string | undefined {
  if (!isObject(user)) return undefined;
  return text(user.fullname) || text(user.name) || undefined;
}
