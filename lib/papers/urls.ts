import type { Period } from "./period";

/** The page of a paper; old-style ids keep their slash as a path separator (/papers/hep-th/9901001). */
export function paperHref(id: string): string {
  return `/papers/${id.split("/").map(encodeURIComponent).join("/")}`;
}

/** The feed page of a day, week or month, in Hugging Face's URL scheme. */
export function periodHref(period: Period): string {
  return `/papers/${period.kind === "day" ? "date" : period.kind}/${period.key}`;
}

/** A paper card's anchor on a list: where signing in to vote brings the reader back to (components/upvote-button.tsx). */
export const paperAnchor = (paperId: string) => `paper-${paperId}`;
