// A worker thread that makes papers' features (lib/recs/features-pool.ts). It is JavaScript so
// that it loads the same way wherever an ingest runs (the CLIs under tsx, the tests under
// Vitest): tsx's loader is registered here, then the TypeScript that makes features is imported.
import { register } from "tsx/esm/api";

register();
const { featuresOf } = await import("./features.ts");

/** @param {Array<{ title: string; abstract: string }>} papers */
export default function makeFeatures(papers) {
  return papers.map((paper) => featuresOf(paper.title, paper.abstract));
}
