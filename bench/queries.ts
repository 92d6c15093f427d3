import { mulberry32 } from "../tests/support/seeded-random";
import type { Vocabulary } from "./vocabulary";

export type BenchQuery = { kind: "common" | "rare" | "phrase" | "prefix" | "typo" | "multiword"; q: string };

/**
 * The fixed 200 queries, drawn (seeded) from the corpus vocabulary: words found in most papers
 * and in a handful, quoted phrases, search-as-you-type prefixes, misspellings, and several words.
 */
export function benchQueries(vocabulary: Vocabulary): BenchQuery[] {
  const random = mulberry32(7);
  const { words } = vocabulary;
  const letters = words.filter((word) => /^[a-z]{4,}$/.test(word));
  const realCount = letters.findIndex((word) => !vocabulary.realWords.has(word));
  const pick = (from: number, to: number) => letters[from + Math.floor(random() * (to - from))]!;
  const common = () => pick(0, 200);
  const middle = () => pick(200, realCount);
  const typo = (word: string) => {
    const at = 1 + Math.floor(random() * (word.length - 2));
    return random() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  };
  const make = (count: number, kind: BenchQuery["kind"], q: () => string) => Array.from({ length: count }, () => ({ kind, q: q() }));
  return [
    ...make(20, "common", () => words[Math.floor(random() * 40)]!),
    ...make(20, "common", common),
    ...make(40, "rare", () => pick(realCount, letters.length)),
    ...make(15, "phrase", () => `"${vocabulary.bigrams[Math.floor(random() * vocabulary.bigrams.length)]}"`),
    ...make(15, "phrase", () => `"${common()} ${middle()}"`),
    ...make(30, "prefix", () => {
      const word = random() < 0.5 ? common() : middle();
      return word.slice(0, 3 + Math.floor(random() * Math.min(4, word.length - 3)));
    }),
    ...make(30, "typo", () => typo(middle())),
    ...make(30, "multiword", () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => (random() < 0.5 ? common() : middle())).join(" ")),
  ];
}
