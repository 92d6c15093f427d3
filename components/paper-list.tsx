import type { PaperView } from "@/lib/papers/view";
import { PaperCard, type CategoryHref, type Highlights } from "./paper-card";

type Props = {
  papers: PaperView[];
  highlights?: Map<string, Highlights>;
  categoryHref?: CategoryHref;
  /** Two columns on wide screens (the feeds); search results stay one ranked column. */
  columns?: 1 | 2;
};

/** A ranked list of cards, the same for every reader (each card's upvote box asks who is looking). */
export function PaperList({ papers, highlights, categoryHref, columns = 2 }: Props) {
  return (
    <ol className={`grid gap-3 ${columns === 2 ? "lg:grid-cols-2" : ""}`}>
      {papers.map((paper) => (
        <li key={paper.id}>
          <PaperCard paper={paper} highlights={highlights?.get(paper.id)} categoryHref={categoryHref} />
        </li>
      ))}
    </ol>
  );
}
