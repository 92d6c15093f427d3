import fs from "node:fs";
import { once } from "node:events";
import { mulberry32 } from "../tests/support/seeded-random";
import { buildVocabulary, type Vocabulary } from "./vocabulary";

const SEED = 20261126;
// Eighty-two months of papers, 2019-01 to 2025-10, in arXiv id order like the real snapshot.
const FIRST_MONTH = Date.UTC(2019, 0, 1);
const MONTHS = 82;
const CATEGORIES = [
  "cs.LG",
  "cs.CV",
  "cs.CL",
  "cs.AI",
  "stat.ML",
  "quant-ph",
  "hep-th",
  "math.OC",
  "cs.RO",
  "eess.IV",
  "cond-mat.stat-mech",
  "astro-ph.GA",
  "math.PR",
  "physics.optics",
  "q-bio.NC",
  "cs.CR",
];

/** Zipf (exponent 1) over ranks 0..size-1: P(rank k) ∝ 1/(k+1), by inverting the log-shaped CDF. */
function zipf(random: () => number, size: number, offset = 0): number {
  return Math.min(size - 1, offset + Math.floor(Math.exp(random() * Math.log(size - offset + 1)) - 1));
}

export type Corpus = {
  file: string;
  papers: number;
  bytes: number;
  /** Hugging Face-style upvotes (skewed: most papers none, a few very many) by paper id; the snapshot format has none. */
  upvotes: Array<[string, number]>;
  vocabulary: Vocabulary;
};

function paperLine(index: number, random: () => number, vocabulary: Vocabulary, perMonth: number): { id: string; line: string } {
  const { words, firstNames, lastNames } = vocabulary;
  const word = (offset = 0) => words[zipf(random, words.length, offset)]!;
  const month = Math.min(MONTHS - 1, Math.floor(index / perMonth));
  const start = new Date(FIRST_MONTH);
  start.setUTCMonth(start.getUTCMonth() + month);
  const yymm = `${String(start.getUTCFullYear() % 100).padStart(2, "0")}${String(start.getUTCMonth() + 1).padStart(2, "0")}`;
  const sequence = index - month * perMonth + 1;
  const created = new Date(start.getTime() + Math.floor(((sequence - 1) / perMonth) * 28 * 86_400_000) + 36_000_000);

  // Titles use content words (the stop words are the top ranks); abstracts the whole range.
  const titleWords = Array.from({ length: 5 + Math.floor(random() * 11) }, () => word(40));
  const title = titleWords.join(" ").replace(/^./, (first) => first.toUpperCase());
  const sentences: string[] = [];
  for (let remaining = 80 + Math.floor(random() * 170); remaining > 0;) {
    const length = Math.min(remaining, 12 + Math.floor(random() * 14));
    remaining -= length;
    const sentence = Array.from({ length }, () => word()).join(" ");
    sentences.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`);
  }
  const authorCount = Math.min(30, 1 + Math.floor(-Math.log(1 - random()) * 3.5));
  const authors = Array.from({ length: authorCount }, () => [lastNames[zipf(random, lastNames.length)]!, firstNames[zipf(random, firstNames.length)]!, ""]);
  const categories = [CATEGORIES[zipf(random, CATEGORIES.length)]!];
  while (random() < 0.4 && categories.length < 3) categories.push(CATEGORIES[Math.floor(random() * CATEGORIES.length)]!);
  const id = `${yymm}.${String(sequence).padStart(5, "0")}`;
  const line = JSON.stringify({
    id,
    submitter: authors[0]!.slice(0, 2).reverse().join(" "),
    authors: authors.map(([last, first]) => `${first} ${last}`).join(", "),
    title,
    abstract: `  ${sentences.join(" ")}\n`,
    categories: [...new Set(categories)].join(" "),
    versions: [{ version: "v1", created: created.toUTCString() }],
    authors_parsed: authors,
  });
  return { id, line };
}

/**
 * Writes a deterministic (seeded) arXiv metadata snapshot of `papers` papers to `file`, streamed
 * a megabyte at a time so memory stays flat at any size.
 */
export async function writeCorpus({ file, papers }: { file: string; papers: number }): Promise<Corpus> {
  const vocabulary = buildVocabulary({ tailWords: Math.min(300_000, Math.max(20_000, Math.floor(papers * 0.3))) });
  const random = mulberry32(SEED);
  const perMonth = Math.ceil(papers / MONTHS);
  if (perMonth > 99_999) throw new Error(`At most ${99_999 * MONTHS} papers fit five-digit arXiv ids over ${MONTHS} months.`);
  const out = fs.createWriteStream(file);
  const upvotes: Array<[string, number]> = [];
  let chunk = "";
  let bytes = 0;
  for (let index = 0; index < papers; index++) {
    const { id, line } = paperLine(index, random, vocabulary, perMonth);
    // Upvotes: seven papers in ten have none; the rest a heavy (Pareto) tail up to the thousands.
    if (random() < 0.3) upvotes.push([id, Math.min(5_000, Math.floor(1 / (1 - random()) ** 1.6))]);
    chunk += `${line}\n`;
    if (chunk.length >= 1 << 20 || index === papers - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end();
  await once(out, "finish");
  return { file, papers, bytes, upvotes, vocabulary };
}
