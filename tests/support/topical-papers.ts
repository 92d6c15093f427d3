import { arxivLine } from "./arxiv-line";
import { mulberry32 } from "./seeded-random";

// Papers of two topics written from topic words (seeded, so every run has the same ones): what
// For you and related papers are tested on (tests/integration/for-you.test.ts, tests/e2e/for-you.spec.ts).

export const TOPICS = {
  physics: ["quark", "gluon", "hadron", "lattice", "meson", "chromodynamics", "confinement", "baryon"],
  finance: ["portfolio", "asset", "volatility", "equity", "hedging", "liquidity", "dividend", "arbitrage"],
} as const;
export const COMMON_WORDS = ["method", "result", "study", "approach", "analysis", "propose", "show", "novel", "framework", "data"];
export type Topic = keyof typeof TOPICS;

/** 160 papers, physics and finance in turn, ten a day from `firstDay` (arXiv ids 2601.00001…), as arXiv snapshot lines. */
export function topicalPapers(firstDay = Date.UTC(2026, 0, 1)): { lines: string; topicOf: Map<string, Topic> } {
  const random = mulberry32(16);
  const topicOf = new Map<string, Topic>();
  const lines = Array.from({ length: 160 }, (_, index) => {
    const topic: Topic = index % 2 === 0 ? "physics" : "finance";
    const word = () => (random() < 0.5 ? TOPICS[topic][Math.floor(random() * 8)]! : COMMON_WORDS[Math.floor(random() * COMMON_WORDS.length)]!);
    const id = `2601.${String(index + 1).padStart(5, "0")}`;
    topicOf.set(id, topic);
    const day = new Date(firstDay + Math.floor(index / 10) * 86_400_000);
    const title = Array.from({ length: 7 }, word).join(" ");
    return arxivLine({
      id,
      title: `${title[0]!.toUpperCase()}${title.slice(1)} ${index}`,
      abstract: Array.from({ length: 60 }, word).join(" "),
      categories: topic === "physics" ? "hep-ph" : "q-fin.PM",
      created: day,
    });
  });
  return { lines: lines.join("\n"), topicOf };
}
