import { describe, expect, it } from "vitest";
import { decodeFeatures, encodeFeatures, featuresOf, featureTerms, termWeightsOf } from "../../lib/recs/features";
import { score, strongestTerms, trainLogisticRegression, type Example } from "../../lib/recs/model";
import { dot, inverseDocumentFrequency, strongestShared, termName, termNumber, tfidfVector, type SparseVector } from "../../lib/recs/vectors";

// The For-you pieces that need no database: a paper's features, TF-IDF vectors and the
// reader's logistic regression, on cases whose answers are known.

const vector = (entries: Record<string, number>) =>
  tfidfVector(
    Object.entries(entries).map(([term, weight]) => [termNumber(term), weight]),
    () => 1,
  );
/** A vector's value for a term (0 when it lacks it). */
const valueOf = (vector: SparseVector, term: string) => vector.values[vector.terms.indexOf(termNumber(term))] ?? 0;

describe("a paper's features", () => {
  it("are the stemmed words of title and abstract, stop words and numbers left out, title words counted three times", () => {
    expect(featureTerms("The Models of 3 Quarks, and its modelling")).toEqual(["model", "quark", "model"]);
    const weights = termWeightsOf("Quark models", "A quark model of hadrons. Hadrons decay.");
    // quark: 3 (title) + 1 = 4, model: 3 + 1 = 4, hadron: 2, decay: 1; weight 1 + ln(count).
    expect(Object.fromEntries(weights)).toEqual({ quark: 2.39, model: 2.39, hadron: 1.69, decai: 1 });
  });

  it("are stored as short text that reads back the same, in the order the paper first uses them", () => {
    const text = featuresOf("Portfolio optimisation under risk", "We optimise a portfolio of assets under risk constraints.");
    expect(text).toBe("portfolio:2.39 optimis:2.39 risk:2.39 asset constraint");
    expect(encodeFeatures(decodeFeatures(text))).toBe(text);
    expect(decodeFeatures("").size).toBe(0);
  });

  it("keep at most 160 terms, the most frequent first", () => {
    const words = Array.from({ length: 300 }, (_, index) => `w${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}x`);
    const weights = termWeightsOf(words[299]!, words.join(" "));
    expect(weights.size).toBe(160);
    expect(weights.has(featureTerms(words[299]!)[0]!)).toBe(true);
  });
});

describe("TF-IDF vectors", () => {
  it("weigh rare terms up and have unit length, so a dot product is a cosine", () => {
    const idf = (term: number) => inverseDocumentFrequency(1_000, { common: 900, rare: 2 }[termName(term)]);
    const paper = tfidfVector(
      [
        [termNumber("common"), 1],
        [termNumber("rare"), 1],
      ],
      idf,
    );
    expect(valueOf(paper, "rare")).toBeGreaterThan(3 * valueOf(paper, "common"));
    // Stored in single precision: a cosine to about seven digits.
    expect(dot(paper, paper)).toBeCloseTo(1, 6);
    expect([...paper.terms]).toEqual([...paper.terms].sort((a, b) => a - b));
    expect(dot(paper, vector({ other: 1 }))).toBe(0);
    expect(strongestShared(paper, vector({ rare: 1, common: 1 }), 1)).toEqual(["rare"]);
    expect(inverseDocumentFrequency(1_000, undefined)).toBe(inverseDocumentFrequency(1_000, 1));
  });
});

describe("the reader's logistic regression", () => {
  it("finds the minimum of the regularised loss on a case solved by hand", () => {
    // One term, a positive at +1 and a negative at -1, each half the weight: by symmetry the
    // bias is 0, and the weight w solves sigma(-w) = l2 * w.
    const l2 = 0.1;
    const model = trainLogisticRegression(
      [
        { vector: vector({ t: 1 }), positive: true },
        { vector: vector({ t: -1 }), positive: false },
      ],
      { l2, iterations: 2_000 },
    );
    const w = valueOf(model.weights, "t");
    expect(model.bias).toBeCloseTo(0, 6);
    expect(1 / (1 + Math.exp(w))).toBeCloseTo(l2 * w, 6);
  });

  it("likes the words of the upvoted papers and dislikes those of the others, however many more the others are", () => {
    const examples: Example[] = [
      ...["quark gluon", "quark hadron", "gluon lattice"].map((words) => ({
        vector: vector(Object.fromEntries(words.split(" ").map((w) => [w, 1]))),
        positive: true,
      })),
      ...Array.from({ length: 60 }, (_, index) => ({ vector: vector({ portfolio: 1, [`asset${index % 7}`]: 1 }), positive: false })),
    ];
    const model = trainLogisticRegression(examples);
    expect(valueOf(model.weights, "quark")).toBeGreaterThan(0);
    expect(valueOf(model.weights, "portfolio")).toBeLessThan(0);
    expect(strongestTerms(model, 2)).toEqual(["quark", "gluon"]);
    // Balanced classes: an upvoted-like paper scores positive although negatives are 20 times more.
    expect(score(model, vector({ quark: 1, lattice: 1 }))).toBeGreaterThan(0);
    expect(score(model, vector({ portfolio: 1, asset3: 1 }))).toBeLessThan(0);
    expect(trainLogisticRegression(examples)).toEqual(model);
  });

  it("keeps only its 4,096 largest weights, so a model stays small however many terms its examples hold", () => {
    // Weak terms of 3,000 different weights each side.
    const many = (prefix: string) => Object.fromEntries(Array.from({ length: 3_000 }, (_, index) => [`${prefix}${index}`, 0.01 + index * 1e-5]));
    const model = trainLogisticRegression([
      { vector: vector({ quark: 1, ...many("up") }), positive: true },
      { vector: vector({ portfolio: 1, ...many("down") }), positive: false },
    ]);
    expect(model.weights.terms.length).toBe(4_096);
    expect(strongestTerms(model, 1)).toEqual(["quark"]);
    expect(valueOf(model.weights, "portfolio")).toBeLessThan(0);
  });

  it("counts an example's own weight: a 'not interested' weighs more than a paper merely not upvoted", () => {
    const examples = (dismissedWeight: number): Example[] => [
      { vector: vector({ vision: 1, robot: 1 }), positive: true },
      { vector: vector({ vision: 1, medical: 1 }), positive: true },
      { vector: vector({ robot: 1, grasp: 1 }), positive: false, weight: dismissedWeight },
      { vector: vector({ poetry: 1 }), positive: false },
    ];
    const robot = (weight: number) => valueOf(trainLogisticRegression(examples(weight)).weights, "robot");
    expect(robot(5)).toBeLessThan(robot(1));
  });
});
