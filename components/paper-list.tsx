import type { PaperView } from "@/lib/papers/view";
import { PaperCard } from "./paper-card";

/** A ranked list of cards; `upvoted` holds the ids the viewer has upvoted. */
export function PaperList({ papers, signedIn, upvoted }: { papers: PaperView[]; signedIn: boolean; upvoted: Set<string> }) {
  return (
    <ol className="space-y-3">
      {papers.map((paper) => (
        <li key={paper.id}>
          <PaperCard paper={paper} viewer={{ signedIn, upvoted: upvoted.has(paper.id) }} />
        </li>
      ))}
    </ol>
  );
}
