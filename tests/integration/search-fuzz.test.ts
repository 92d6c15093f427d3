import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../lib/errors";
import { ingestFromSource } from "../../lib/ingest/run";
import { searchPapers } from "../../lib/search/search";
import { arxivLine, asStdin } from "../support/arxiv-line";
import { providers, type TestDatabase } from "../support/databases";
import { loadSearchCorpus } from "../support/search-corpus";

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((point) => String.fromCodePoint(point));

/**
 * One unit of a hostile query: the characters that have broken search engines' query parsers
 * (ASCII punctuation, quotes and minus signs), the ones that change meaning under normalization
 * (modifier letters U+02B0–U+02FF, which unaccent() turns into quotes and colons; combining
 * marks; fractions and enclosed numbers; full-width forms; ligatures), right-to-left text and
 * direction marks, NUL and control characters, lone surrogate halves, any code point at all, and
 * words the index holds (common and rare), so that queries also match.
 */
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") },
  { weight: 3, arbitrary: fc.constantFrom(" ", " ", '"', "-", "*", ":", "'", "\\") },
  { weight: 3, arbitrary: codePoint(0x2b0, 0x2ff) },
  { weight: 2, arbitrary: codePoint(0x300, 0x36f) },
  { weight: 1, arbitrary: fc.oneof(codePoint(0x1ab0, 0x1aff), codePoint(0x20d0, 0x20ff), codePoint(0xfe20, 0xfe2f)) },
  {
    weight: 2,
    arbitrary: fc.oneof(codePoint(0x590, 0x5ff), codePoint(0x600, 0x6ff), codePoint(0x200e, 0x200f), codePoint(0x202a, 0x202e), codePoint(0x2066, 0x2069)),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      codePoint(0x2150, 0x218f),
      codePoint(0x2460, 0x24ff),
      codePoint(0xff00, 0xffef),
      codePoint(0xfb00, 0xfb4f),
      fc.constantFrom("ß", "æ", "ø", "ł", "đ", "ŉ", "ǈ", "ﬃ", "İ", "ı"),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant("\u0000"),
      codePoint(0x1, 0x1f),
      codePoint(0x7f, 0x9f),
      fc.constantFrom("\ufeff", "\u00ad", "\u200b", "\u200d", "\ufffd", "\uffff"),
    ),
  },
  { weight: 1, arbitrary: codePoint(0xd800, 0xdfff).map((half) => half) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 0x10ffff })
      .map((point) => (point >= 0xd800 && point <= 0xdfff ? String.fromCharCode(point) : String.fromCodePoint(point))),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "abʼcd",
      "ʼabc",
      "abcː",
      "the",
      "of",
      "a",
      "and",
      "learning",
      "mamba",
      "transformers",
      "sparse",
      "rate",
      "Balázs",
      "深度学习",
      "모델",
      "NEAR",
      "OR",
      "NOT",
      "AND",
    ),
  },
  { weight: 6, arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789") },
);

const hostileQuery = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit, maxLength: 40 }) },
  // Up to (and sometimes past) the 250-character cap, which is the one allowed ValidationError.
  { weight: 1, arbitrary: fc.string({ unit, minLength: 200, maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.string({ unit, maxLength: 12 }), { maxLength: 30 })
      .map((words) => words.map((word, index) => (index % 3 === 0 ? `-${word}` : index % 4 === 0 ? `"${word}` : word)).join(" ")),
  },
);

const options = fc.record({
  sort: fc.constantFrom("relevance" as const, "upvotes" as const, "newest" as const),
  page: fc.constantFrom(0, 0, 1),
  dated: fc.boolean(),
});

describe.each(providers())("search fuzz on $name", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await provider.create();
    await loadSearchCorpus(db, 120);
  }, 120_000);
  afterAll(async () => db?.drop());

  it("answers thousands of random Unicode queries with results or a ValidationError, never a database error", async () => {
    let answered = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostileQuery, options, async (q, { sort, page, dated }) => {
        const filters = dated ? { from: new Date("2024-01-01"), before: new Date("2024-02-01") } : {};
        try {
          const results = await searchPapers(db, { q, sort, page, filters, limit: 10 });
          expect(results.hits.length).toBeLessThanOrEqual(10);
          answered++;
        } catch (error) {
          // The only refusal a person can get is one that says what to change.
          if (!(error instanceof ValidationError)) throw error;
          expect(q.length).toBeGreaterThan(250);
          refused++;
        }
      }),
      { numRuns: 2_000, endOnFailure: true },
    );
    expect(answered).toBeGreaterThan(refused);
  }, 240_000);

  it("indexes and finds words of letters past U+FFFF (their trigrams are whole characters)", async () => {
    const line = arxivLine({
      id: "2401.99999",
      title: "A study of 𠀀𠀁𠀂𠀃 glyphs",
      abstract: "Rare glyphs 𠀀𠀁𠀂𠀃 in old texts.",
      categories: "cs.CL",
      created: new Date("2024-01-08T10:00:00Z"),
    });
    const summary = await ingestFromSource(db, { source: "-", stdin: asStdin(line) });
    expect(summary.inserted).toBe(1);
    expect((await searchPapers(db, { q: "𠀀𠀁𠀂𠀃" })).hits.map((hit) => hit.paper.id)).toEqual(["2401.99999"]);
    await expect(searchPapers(db, { q: "𠀀𠀁𠀂𠀄𠀅" })).resolves.toBeDefined();
  });

  it("answers the queries that once failed", async () => {
    for (const q of [
      "abʼcd",
      "ʼabc",
      "abcː",
      "xʼ",
      "ʼ",
      "tʹhe leaʺrning",
      "½ ⅓",
      "⑴ ⒜",
      "\u0000mamba",
      "\ud800rate",
      "mamba\udfff",
      "ab\u0000\u0301cd",
      "+˿-𐃓and!͇z",
      "𝑓𝑜𝑟𝑚𝑢𝑙𝑎 𝑥𝑦𝑧𝑤",
    ]) {
      await expect(searchPapers(db, { q }), JSON.stringify(q)).resolves.toBeDefined();
    }
  });
});
