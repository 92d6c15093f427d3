import fs from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "..");
const FIXTURES = path.join(root, "tests", "fixtures", "ingest");
const SAMPLE = path.join(root, "prisma", "sample", "daily-papers-page.txt");

/** Abstracts, summaries and titles of the real papers in the fixtures and the bundled sample. */
function realTexts(): string[] {
  const texts = [fs.readFileSync(SAMPLE, "utf8")];
  for (const line of fs.readFileSync(path.join(FIXTURES, "arxiv-snapshot.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { title?: string; abstract?: string };
    texts.push(record.title ?? "", record.abstract ?? "");
  }
  for (const file of ["hf-daily-papers.json", "hf-paper.json"]) {
    const data = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as unknown;
    for (const entry of Array.isArray(data) ? data : [data]) {
      const paper = (entry as { paper?: { title?: string; summary?: string } }).paper ?? (entry as { title?: string; summary?: string });
      texts.push(paper.title ?? "", paper.summary ?? "");
    }
  }
  return texts;
}

/** [first, last] of every author named in the fixtures. */
function realNames(): Array<[string, string]> {
  const names: Array<[string, string]> = [];
  const hf = JSON.parse(fs.readFileSync(path.join(FIXTURES, "hf-daily-papers.json"), "utf8")) as Array<{ paper: { authors: Array<{ name: string }> } }>;
  for (const entry of hf) {
    for (const { name } of entry.paper.authors) {
      const parts = name.split(" ");
      if (parts.length >= 2) names.push([parts.slice(0, -1).join(" "), parts.at(-1)!]);
    }
  }
  for (const line of fs.readFileSync(path.join(FIXTURES, "arxiv-snapshot.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    for (const [last, first] of (JSON.parse(line) as { authors_parsed: string[][] }).authors_parsed) if (first && last) names.push([first, last]);
  }
  return names;
}

export type Vocabulary = {
  /** Words by descending frequency: the real words first, then the invented long tail. */
  words: string[];
  /** The words of the real abstracts (the head of `words`). */
  realWords: Set<string>;
  /** The real abstracts' most frequent word pairs ("language models"), for phrase queries. */
  bigrams: string[];
  /** Names to draw authors from. */
  firstNames: string[];
  lastNames: string[];
};

/**
 * The real abstracts' words ranked by how often they occur, followed by a long tail of rarer
 * words spliced from pieces of real ones (a real million-paper index holds ~400k distinct terms,
 * the fixtures only a few thousand), so the index has rare terms as a real one does.
 */
export function buildVocabulary({ tailWords }: { tailWords: number }): Vocabulary {
  const counts = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const text of realTexts()) {
    const tokens = text.toLowerCase().match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? [];
    tokens.forEach((word, index) => {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      const pair = `${tokens[index - 1]} ${word}`;
      if (index > 0 && /^[a-z]{4,} [a-z]{4,}$/.test(pair)) pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    });
  }
  const real = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
  const long = real.filter((word) => word.length >= 6 && /^[a-z]+$/.test(word));
  const seen = new Set(real);
  const tail: string[] = [];
  for (let index = 0; tail.length < tailWords; index++) {
    const head = long[index % long.length]!;
    const end = long[Math.floor(index / long.length + index * 7919) % long.length]!;
    const word = head.slice(0, 3 + (index % 4)) + end.slice(Math.max(2, end.length - 3 - ((index >> 2) % 4)));
    if (!seen.has(word)) {
      seen.add(word);
      tail.push(word);
    }
  }
  const names = realNames();
  return {
    words: [...real, ...tail],
    realWords: new Set(real),
    bigrams: [...pairs]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 300)
      .map(([pair]) => pair),
    firstNames: [...new Set(names.map(([first]) => first))],
    lastNames: [...new Set(names.map(([, last]) => last))],
  };
}
