// `npm run eval:recs`: how well For you ranks, with simulated readers whose interests are known.
//
// Two corpora, each in a throwaway SQLite database through the real ingest:
// - generated: 24 topics, each with words drawn from the real abstracts' vocabulary, a third of
//   them shared with the next topic; a paper (filed under its topic's category) is written one
//   word in four from its topic, one in ten from the next topic's, the rest common words, with
//   upvotes that have nothing to do with topics (as trending's do not);
// - real: the sample day and the arXiv fixtures (tests/fixtures/ingest), papers as they are.
// Each reader likes two topics (generated) or two arXiv categories (real) and upvotes papers of
// those from the earlier days; the later days are ranked for them by For you, by trending and
// at random. A paper is relevant when its category is one the reader likes. Printed: precision@10
// and recall@50, averaged over readers, and related papers' category agreement.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../lib/db/database";
import { ingestFromSource } from "../lib/ingest/run";
import { dayPeriod, type Period } from "../lib/papers/period";
import { getPaper } from "../lib/papers/queries";
import { rankByTrending } from "../lib/papers/trending";
import { decodeFeatures } from "../lib/recs/features";
import { forYou } from "../lib/recs/for-you";
import { lexicalRelatedIds, relatedPapers } from "../lib/search/related";
import { SAMPLE_FILE } from "../prisma/seed";
import { arxivLine, asStdin } from "../tests/support/arxiv-line";
import { fixturePath } from "../tests/support/fixtures";
import { mulberry32 } from "../tests/support/seeded-random";
import { createBenchDatabase } from "./database";
import { buildVocabulary } from "./vocabulary";

const TOPICS = 24;
const COMMON_WORDS = 200;
// The real abstracts have ~2,000 words of five letters or more: 200 common ones and 24 topics of 70.
const WORDS_PER_TOPIC = 70;
const GENERATED_PAPERS = 6_000;
const GENERATED_DAYS = 60;
/** The last days are what is ranked; readers upvote from the days before. */
const TEST_DAYS = 10;
const READERS = 40;
const UPVOTES_PER_READER = 25;

type Ranker = "For you" | "trending" | "random" | "best possible";
type Scores = Record<Ranker, { precisionAt10: number[]; recallAt50: number[] }>;
type Paper = { id: string; primary: string; terms: Set<string>; feedDate: Date; publishedAt: Date; upvotes: number };
/** What a simulated reader likes: a name for it and which papers it holds. */
type Interest = { name: string; likes: (paper: Paper) => boolean };

const random = mulberry32(20261202);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const shuffled = <T>(items: readonly T[]) =>
  [...items]
    .map((item) => [random(), item] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, item]) => item);
const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0);

/** Snapshot lines of a corpus written from topics: topic t's papers are in category `topic.t`. */
function generatedCorpus(): string {
  const words = shuffled([...buildVocabulary({ tailWords: 0 }).realWords].filter((word) => /^[a-z]{5,}$/.test(word)));
  const common = words.slice(0, COMMON_WORDS);
  const own = Array.from({ length: TOPICS }, (_, topic) => words.slice(COMMON_WORDS + topic * WORDS_PER_TOPIC, COMMON_WORDS + (topic + 1) * WORDS_PER_TOPIC));
  // A third of each topic's words are also the next topic's: neighbouring fields share words.
  const topics = own.map((words, topic) => [...words, ...own[(topic + 1) % TOPICS]!.slice(0, WORDS_PER_TOPIC / 3)]);
  if (topics.at(-1)!.length < WORDS_PER_TOPIC) throw new Error("The vocabulary has too few words for the topics.");
  const first = Date.UTC(2026, 0, 5);
  const lines: string[] = [];
  for (let index = 0; index < GENERATED_PAPERS; index++) {
    const topic = Math.floor(random() * TOPICS);
    const word = () => (random() < 0.25 ? pick(topics[topic]!) : random() < 0.13 ? pick(topics[(topic + 1) % TOPICS]!) : pick(common));
    const day = new Date(first + Math.floor((index / GENERATED_PAPERS) * GENERATED_DAYS) * 86_400_000);
    lines.push(
      arxivLine({
        id: `2601.${String(index + 1).padStart(5, "0")}`,
        title: Array.from({ length: 6 + Math.floor(random() * 6) }, word).join(" "),
        abstract: Array.from({ length: 80 + Math.floor(random() * 80) }, word).join(" "),
        categories: `topic.${topic}`,
        created: day,
      }),
    );
  }
  return lines.join("\n");
}

async function papersOf(db: Database): Promise<Paper[]> {
  const rows = await db.prisma.paper.findMany({
    select: { id: true, categories: true, features: true, feedDate: true, publishedAt: true, importedUpvotes: true },
  });
  return rows.map((row) => ({
    id: row.id,
    primary: (JSON.parse(row.categories) as string[])[0] ?? "",
    terms: new Set(decodeFeatures(row.features).keys()),
    feedDate: row.feedDate,
    publishedAt: row.publishedAt,
    upvotes: row.importedUpvotes,
  }));
}

/** Generated corpus: readers of two topics (categories) each. */
function categoryInterests(papers: Paper[]): Interest[] {
  const categories = [...new Set(papers.map((paper) => paper.primary))];
  return Array.from({ length: READERS }, () => {
    const liked = new Set(shuffled(categories).slice(0, 2));
    return { name: [...liked].join("+"), likes: (paper: Paper) => liked.has(paper.primary) };
  });
}

/** Real files (most of whose papers have no category): readers of two topic words each, words in 5-25% of the papers. */
function wordInterests(papers: Paper[]): Interest[] {
  const counts = new Map<string, number>();
  for (const paper of papers) for (const term of paper.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const topical = [...counts]
    .filter(([term, count]) => term.length >= 5 && count >= papers.length * 0.05 && count <= papers.length * 0.25)
    .map(([term]) => term);
  return Array.from({ length: READERS }, () => {
    const liked = shuffled(topical).slice(0, 2);
    return { name: liked.join("+"), likes: (paper: Paper) => liked.some((term) => paper.terms.has(term)) };
  });
}

/**
 * Each reader upvotes some of the papers they like and the rest are ranked: by day on the
 * generated corpus (upvotes from before `split`, the later papers ranked), at random on the real
 * files (half of the liked papers upvoted, every other paper ranked), which hold too few days.
 */
async function evaluate(db: Database, papers: Paper[], split: Date | null, period: Period, interests: Interest[]): Promise<Scores> {
  const scores = Object.fromEntries(
    (["For you", "trending", "random", "best possible"] as const).map((ranker) => [ranker, { precisionAt10: [], recallAt50: [] }]),
  ) as unknown as Scores;
  for (const [reader, interest] of interests.entries()) {
    const liked = shuffled(papers.filter(interest.likes));
    const upvoted = split ? liked.filter((paper) => paper.feedDate < split).slice(0, UPVOTES_PER_READER) : liked.slice(0, Math.ceil(liked.length / 2));
    const chosen = new Set(upvoted.map((paper) => paper.id));
    const ranked = papers.filter((paper) => paper.feedDate >= period.start && paper.feedDate < period.end && !chosen.has(paper.id));
    const relevant = new Set(ranked.filter(interest.likes).map((paper) => paper.id));
    if (relevant.size === 0 || upvoted.length < 3) continue;
    const user = await db.prisma.user.create({
      data: { id: `reader-${reader}-${Date.now()}`, name: `Reader ${reader}`, email: `reader-${reader}-${Date.now()}@example.org` },
    });
    await db.prisma.upvote.createMany({ data: upvoted.map((paper) => ({ userId: user.id, paperId: paper.id })) });
    const answer = await forYou(db, { userId: user.id, period, limit: 50, unseen: true });
    const rankings: Record<Ranker, string[]> = {
      "For you": answer.status === "ranked" ? answer.picks.map((pick) => pick.paper.id) : [],
      trending: rankByTrending(
        ranked.map((paper) => ({ ...paper })),
        period.end,
      ).map((paper) => paper.id),
      random: shuffled(ranked).map((paper) => paper.id),
      // Every relevant paper first: what precision@10 can reach when a reader likes fewer than ten.
      "best possible": [...relevant],
    };
    for (const [ranker, ids] of Object.entries(rankings) as Array<[Ranker, string[]]>) {
      scores[ranker].precisionAt10.push(ids.slice(0, 10).filter((id) => relevant.has(id)).length / Math.min(10, ranked.length));
      scores[ranker].recallAt50.push(ids.slice(0, 50).filter((id) => relevant.has(id)).length / relevant.size);
    }
  }
  return scores;
}

/** Of each paper's five related papers that have a category (the sample day's have none), the share in its primary category: lexical (before) and by cosine (now). */
async function relatedAgreement(db: Database, papers: Paper[], sample: Paper[]): Promise<{ lexical: number; cosine: number }> {
  const primary = new Map(papers.map((paper) => [paper.id, paper.primary]));
  const share = (ids: string[], paper: Paper) => {
    const known = ids.filter((id) => primary.get(id)).slice(0, 5);
    return known.length ? [known.filter((id) => primary.get(id) === paper.primary).length / known.length] : [];
  };
  const lexical: number[] = [];
  const cosine: number[] = [];
  for (const paper of sample) {
    const view = await getPaper(db, paper.id);
    lexical.push(...share(await lexicalRelatedIds(db, view, 60), paper));
    cosine.push(
      ...share(
        (await relatedPapers(db, view, 60)).map((other) => other.id),
        paper,
      ),
    );
  }
  return { lexical: mean(lexical), cosine: mean(cosine) };
}

function table(title: string, scores: Scores): string {
  const rows = (Object.entries(scores) as Array<[Ranker, Scores[Ranker]]>).map(
    ([ranker, each]) =>
      `${ranker.padEnd(14)} ${(mean(each.precisionAt10) * 100).toFixed(1).padStart(8)}% ${(mean(each.recallAt50) * 100).toFixed(1).padStart(8)}%`,
  );
  const ratio = mean(scores["For you"].precisionAt10) / mean(scores.trending.precisionAt10);
  return [
    title,
    `${"".padEnd(14)} ${"P@10".padStart(9)} ${"R@50".padStart(9)}`,
    ...rows,
    `For you / trending, precision@10: ${ratio.toFixed(1)}x (target: at least 3x)`,
  ].join("\n");
}

async function run(): Promise<void> {
  const workFolder = fs.mkdtempSync(path.join(os.tmpdir(), "daily-papers-eval-"));
  const output: string[] = [];
  try {
    for (const corpus of ["generated", "real"] as const) {
      const bench = await createBenchDatabase({ provider: "sqlite", workFolder });
      try {
        const db = bench.db;
        if (corpus === "generated") await ingestFromSource(db, { source: "-", stdin: asStdin(generatedCorpus()) });
        else
          for (const file of [SAMPLE_FILE, ...["arxiv-atom.xml", "arxiv-rss.xml", "arxiv-snapshot.jsonl", "hf-daily-papers.json"].map(fixturePath)])
            await ingestFromSource(db, { source: file });
        const papers = await papersOf(db);
        const days = [...new Set(papers.map((paper) => paper.feedDate.getTime()))].sort((a, b) => a - b);
        const split = corpus === "generated" ? new Date(days.at(-TEST_DAYS)!) : null;
        const period: Period = { kind: "month", key: "eval", start: split ?? new Date(days[0]!), end: dayPeriod(new Date(days.at(-1)!)).end };
        output.push(
          table(
            `${corpus} corpus: ${papers.length} papers over ${days.length} days; ${split ? `the last ${TEST_DAYS} days ranked` : "half of each reader's liked papers upvoted, the rest ranked"}`,
            await evaluate(db, papers, split, period, corpus === "generated" ? categoryInterests(papers) : wordInterests(papers)),
          ),
        );
        const withCategory = papers.filter((paper) => paper.primary);
        const agreement = await relatedAgreement(db, papers, withCategory.slice(0, 300));
        const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
        output.push(
          `related papers in the paper's primary category (${Math.min(300, withCategory.length)} papers): lexical (before) ${percent(agreement.lexical)}, by cosine (now) ${percent(agreement.cosine)}`,
          "",
        );
      } finally {
        await bench.drop();
      }
    }
  } finally {
    fs.rmSync(workFolder, { recursive: true, force: true });
  }
  console.log(output.join("\n"));
}

await run();
