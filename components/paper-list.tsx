import type { PaperView } from "@/lib/papers/view";
import { PaperCard, type Highlights } from "./paper-card";

type Props = { papers: PaperView[]; signedIn: boolean; upvoted: Set<string>; highlights?: Map<string, Highlights> };

/** A ranked list of cards; `upvoted` holds the ids the viewer has upvoted. */
export function PaperList({ papers, signedIn, upvoted, highlights }: Props) {
  return (
    <ol className="space-y-3">
      {papers.map((paper) => (
        <li key={paper.id}>
          <PaperCard paper={paper} viewer={{ signedIn, upvoted: upvoted.has(paper.id) }} highlights={highlights?.get(paper.id)} />
        </li>
      ))}
    </ol>
  );
}
