import { describe, expect, it } from "vitest";
import { toFts5Match } from "../../lib/search/fts5";
import { parseSearchQuery, searchTokens } from "../../lib/search/query";

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
    expect(match("'; DROP TABLE \"Paper\"; --")).toBe('"drop" AND "table" AND "paper"');
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
