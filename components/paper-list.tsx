import type { PaperView } from "@/lib/papers/view";
import { PaperCard, type Highlights } from "./paper-card";

type Props = { papers: PaperView[]; highlights?: Map<string, Highlights> };

/** A ranked list of cards, the same for every reader (each card's upvote box asks who is looking). */
export function PaperList({ papers, highlights }: Props) {
  return (
    <ol className="space-y-3">
      {papers.map((paper) => (
        <li key={paper.id}>
          <PaperCard paper={paper} highlights={highlights?.get(paper.id)} />
        </li>
      ))}
    </ol>
  );
}
