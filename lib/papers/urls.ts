import type { Period } from "./period";
import type { FeedSort } from "./queries";

/** The page of a paper; old-style ids keep their slash as a path separator (/papers/hep-th/9901001). */
export function paperHref(id: string): string {
  return `/papers/${id.split("/").map(encodeURIComponent).join("/")}`;
}

/** The feed page of a day, week or month, in Hugging Face's URL scheme. */
export function periodHref(period: Period): string {
  return `/papers/${period.kind === "day" ? "date" : period.kind}/${period.key}`;
}

/** The reader's For you for a period (the day's, week's or month's papers in their order), or, without one, the best unseen papers of the last 30 days. */
export function forYouHref(period?: Period): string {
  if (!period) return "/papers/for-you";
  return `/papers/for-you?${new URLSearchParams({ [period.kind === "day" ? "date" : period.kind]: period.key })}`;
}

/** A search for the papers of an author: the name as a phrase (title, authors and abstract are searched). */
export function authorSearchHref(name: string): string {
  return `/search?${new URLSearchParams({ q: `"${name.replace(/"/g, "")}"` })}`;
}

/** What a reader chose on a feed page: its order, page and category filter. */
export type FeedChoices = { sort?: FeedSort; page?: number; category?: string };

/** A feed page's address with the reader's choices, the defaults left out (/papers/date/2024-10-28?category=cs.CL). */
export function feedHref(path: string, { sort, page = 0, category }: FeedChoices): string {
  const query = new URLSearchParams();
  if (category) query.set("category", category);
  if (sort && sort !== "trending") query.set("sort", sort);
  if (page > 0) query.set("p", String(page));
  return query.size > 0 ? `${path}?${query}` : path;
}

/** A paper card's anchor on a list: where signing in to vote brings the reader back to (components/upvote-button.tsx). */
export const paperAnchor = (paperId: string) => `paper-${paperId}`;
