import { describe, expect, it } from "vitest";
import { formatAuthors, shortAuthorName } from "../../lib/text/format";

describe("formatAuthors", () => {
  const transformer = [
    "Ashish Vaswani",
    "Noam Shazeer",
    "Niki Parmar",
    "Jakob Uszkoreit",
    "Llion Jones",
    "Aidan N. Gomez",
    "Lukasz Kaiser",
    "Illia Polosukhin",
  ];

  it("names the first two and counts the rest", () => {
    expect(formatAuthors(transformer, 8)).toBe("A. Vaswani, N. Shazeer, … +6");
    // A source that lists fewer names than its count: the count wins.
    expect(formatAuthors(transformer.slice(0, 5), 12)).toBe("A. Vaswani, N. Shazeer, … +10");
  });

  it("names up to three in full", () => {
    expect(formatAuthors(["Albert Gu", "Tri Dao"], 2)).toBe("A. Gu, T. Dao");
    expect(formatAuthors(["Albert Gu", "Tri Dao", "Plato"], 3)).toBe("A. Gu, T. Dao, Plato");
  });

  it("says only the count without names, and nothing when there is neither", () => {
    expect(formatAuthors([], 4)).toBe("4 authors");
    expect(formatAuthors([], 1)).toBe("1 author");
    expect(formatAuthors([], 0)).toBe("");
  });
});

describe("shortAuthorName", () => {
  it("shortens given names, hyphenated ones part by part, and leaves initials and one-word names as they are", () => {
    expect(shortAuthorName("Jean-Baptiste Alayrac")).toBe("J.-B. Alayrac");
    expect(shortAuthorName("Aidan N. Gomez")).toBe("A. N. Gomez");
    expect(shortAuthorName("A. Vaswani")).toBe("A. Vaswani");
    expect(shortAuthorName("  Łukasz   Kaiser ")).toBe("Ł. Kaiser");
    expect(shortAuthorName("Plato")).toBe("Plato");
  });
});
