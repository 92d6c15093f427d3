import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toFts5Match } from "../../lib/db/sqlite/fts5";
import { parseSearchQuery, SEARCH_MAX_WORDS, searchTokens } from "../../lib/search/query";

const match = (query: string) => toFts5Match(parseSearchQuery(query));

describe("search query", () => {
  it("ANDs words, makes the last one a prefix, keeps phrases and exclusions", () => {
    expect(match("sparse rate reduction")).toBe('"sparse" AND "rate" AND "reduction"*');
    expect(match("sparse rate reduction ")).toBe('"sparse" AND "rate" AND "reduction"');
    expect(match('"rate reduction" transformers -vision')).toBe('("rate reduction" AND "transformers") NOT "vision"');
    // The last word is an exclusion, so nothing is a prefix.
    expect(match('-"deep learning" networks -cnn')).toBe('(("networks") NOT "deep learning") NOT "cnn"');
  });

  it("folds accents and case, splits hyphenated words into a phrase", () => {
    expect(searchTokens("Balázs Éléonore")).toEqual(["balazs", "eleonore"]);
    expect(match("Self-Attention")).toBe('"self attention"*');
  });

  it("treats operators, syntax and symbols as text", () => {
    expect(match("NEAR(a b) OR NOT x")).toBe('"near a" AND "b" AND "or" AND "not" AND "x"');
    expect(match('title:"unbalanced')).toBe('"title unbalanced"*');
    expect(match('\'; DROP TABLE "Paper"; --')).toBe('"drop" AND "table" AND "paper"');
    expect(match("* ( ) : ^ 🎉")).toBeNull();
    expect(match("-only -exclusions")).toBeNull();
    expect(match("a")).toBe('"a"');
    expect(match("深度学习 모델")).toBe('"深度学习" AND "모델"');
    expect(match("深度学习 모델 구조")).toBe('"深度学习" AND "모델" AND "구조"');
  });

  it("makes the last word a prefix from three letters", () => {
    expect(match("state tra")).toBe('"state" AND "tra"*');
    expect(match("state tr")).toBe('"state" AND "tr"');
  });

  it("refuses over 250 characters with a message", () => {
    expect(() => parseSearchQuery("x".repeat(251))).toThrow("q: a search is at most 250 characters; this one has 251.");
    expect(match("x".repeat(250))).toBe(`"${"x".repeat(250)}"*`);
  });
});

describe("search query limits", () => {
  const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`);

  it(`reads the first ${SEARCH_MAX_WORDS} words and lists the others as ignored`, () => {
    const parsed = parseSearchQuery(words(15).join(" "));
    expect(parsed.positive.map((term) => term.tokens[0])).toEqual(words(12));
    expect(parsed.ignored).toEqual(["w12", "w13", "w14"]);
    // The last word read is no prefix: the person did not stop typing there.
    expect(parsed.positive.some((term) => term.prefix)).toBe(false);
    expect(parseSearchQuery(words(12).join(" ")).ignored).toBeUndefined();
  });

  it("counts every word of a phrase and of an exclusion, and cuts a phrase at the limit", () => {
    const parsed = parseSearchQuery(`${words(8).join(" ")} -x "one two three four five six" tail`);
    expect(match(`${words(8).join(" ")} -x "one two three four five six" tail`)).toBe(
      `(${words(8)
        .map((word) => `"${word}"`)
        .join(" AND ")} AND "one two three") NOT "x"`,
    );
    expect(parsed.ignored).toEqual(["four", "five", "six", "tail"]);
    expect(parseSearchQuery(`"${words(20).join(" ")}"`).positive[0]!.tokens).toHaveLength(SEARCH_MAX_WORDS);
  });

  it("turns any text up to 250 characters into a bounded query of letters and digits only", () => {
    const anyText = fc.string({
      unit: fc.oneof(fc.constantFrom(..." \"-*:()'ʼː"), fc.string({ unit: "binary", maxLength: 1 }), fc.constantFrom("the", "a", "Balázs")),
      maxLength: 250,
    });
    fc.assert(
      fc.property(anyText, (q) => {
        fc.pre(q.length <= 250);
        const parsed = parseSearchQuery(q);
        const terms = [...parsed.positive, ...parsed.negative];
        expect(terms.reduce((sum, term) => sum + term.tokens.length, 0)).toBeLessThanOrEqual(SEARCH_MAX_WORDS);
        for (const term of terms) for (const token of term.tokens) expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
        const expression = toFts5Match(parsed);
        if (expression) expect(expression.split('"').length % 2).toBe(1);
      }),
      { numRuns: 2_000 },
    );
  });
});
