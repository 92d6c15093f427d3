import fs from "node:fs";
import { Readable } from "node:stream";
import type { Database } from "../../lib/db/database";
import { ingestFromSource } from "../../lib/ingest/run";
import { SAMPLE_FILE } from "../../prisma/seed";
import { fixturePath } from "./fixtures";
import { mulberry32 } from "./seeded-random";

/** Words the filler papers never use: the pinned queries must be decided by the real papers. */
const RESERVED =
  /^(mamba|kolmogorov|arnold|diphoton|ricci|perelman|vidla|balazs|sparse|rate|reduction|contrastive|tevatron|medusa|white|box|knowledge|editing|hallucination|transformer\w*|gu|dao|selective|spaces?|state|video|language|alignment|crate)$/i;

/**
 * A corpus of a few hundred papers for relevance tests: the real sample page and fixtures, plus
 * filler papers written deterministically (seeded) from the vocabulary of the real abstracts, so
 * common words compete the way they do in a real index.
 */
export async function loadSearchCorpus(db: Database, fillerCount = 260): Promise<void> {
  await ingestFromSource(db, { source: SAMPLE_FILE });
  for (const file of ["hf-daily-papers.json", "arxiv-atom.xml", "arxiv-snapshot.jsonl", "hf-paper.json"]) {
    await ingestFromSource(db, { source: fixturePath(file) });
  }
  const vocabulary = [
    ...new Set(
      fs
        .readFileSync(SAMPLE_FILE, "utf8")
        .toLowerCase()
        .match(/[a-z]{4,}/g) ?? [],
    ),
  ].filter((word) => !RESERVED.test(word));
  const random = mulberry32(20261125);
  const pick = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
  const sentence = (words: number) => Array.from({ length: words }, pick).join(" ");
  const lines = Array.from({ length: fillerCount }, (_, index) => {
    const day = 1 + (index % 28);
    return JSON.stringify({
      id: `2401.${String(10000 + index)}`,
      title: sentence(6 + (index % 6)),
      abstract: `${sentence(60 + (index % 90))}.`,
      authors_parsed: [["Filler", `Author ${index % 17}`, ""]],
      categories: index % 3 === 0 ? "cs.CL" : "cs.LG",
      versions: [{ version: "v1", created: `Mon, ${day} Jan 2024 10:00:00 GMT` }],
    });
  });
  await ingestFromSource(db, { source: "-", stdin: Readable.from([Buffer.from(lines.join("\n"))]) });
}
