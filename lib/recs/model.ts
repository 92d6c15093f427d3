import { dot, sparseVector, termName, type SparseVector } from "./vectors";

// A reader's model: L2-regularised logistic regression over TF-IDF vectors, trained by batch
// gradient descent (Nesterov's accelerated form). arxiv-sanity-lite trains a linear SVM per reader (scikit-learn's
// LinearSVC) on the same kind of features; a linear model with logistic loss ranks much as
// a linear SVM does (both fit a separating direction; npm run eval:recs measures it) and needs no library: the loss, its gradient and the step are the ~30 lines below, and
// tests/unit/recs-model.test.ts checks them on cases with known answers. What npm offers:
// ml-logistic-regression 2 trains on ml-matrix's dense matrices (a vocabulary of tens of
// thousands of terms makes every example a row that long), and libsvm-js is an Emscripten build
// of libsvm, a WebAssembly binary to ship for what is ~30 lines here.

export type Example = { vector: SparseVector; positive: boolean; weight?: number };

/** What the reader likes, as term weights; a paper's score is bias + weights . vector. */
export type LinearModel = { weights: SparseVector; bias: number };

// A model keeps only its largest weights (by size): the thousands of terms seen once among the
// background papers get tiny weights that move no ranking, and a process keeps many readers'
// models (lib/recs/reader.ts).
const KEPT_WEIGHTS = 4_096;

export type TrainOptions = {
  /** L2 strength: larger keeps the weights small, so one word cannot decide alone. */
  l2?: number;
  iterations?: number;
  /** Step size. Vectors are unit length, so the loss's gradient is 0.25-Lipschitz and steps up to 4 converge; 2 is safe. */
  rate?: number;
};

/**
 * Trains on positives and negatives with their classes weighted equally (a reader has far more
 * papers they did not upvote than papers they did), each example's own weight on top.
 * Deterministic: the same examples give the same model.
 */
export function trainLogisticRegression(examples: Example[], options: TrainOptions = {}): LinearModel {
  const { l2 = 1e-3, iterations = 30, rate = 2 } = options;
  // Terms become column numbers, so the inner loop runs over arrays as long as the examples' own vocabulary.
  const columns = new Map<number, number>();
  const rows = examples.map((example): Row => {
    const { terms, values } = example.vector;
    const indexes = new Int32Array(terms.length);
    for (let at = 0; at < terms.length; at++) {
      let column = columns.get(terms[at]!);
      if (column === undefined) columns.set(terms[at]!, (column = columns.size));
      indexes[at] = column;
    }
    return { indexes, values, label: example.positive ? 1 : 0, weight: example.weight ?? 1 };
  });
  const positives = rows.filter((row) => row.label === 1).reduce((sum, row) => sum + row.weight, 0);
  const negatives = rows.filter((row) => row.label === 0).reduce((sum, row) => sum + row.weight, 0);
  // Each class carries half of the total weight.
  for (const row of rows) row.weight /= 2 * (row.label === 1 ? positives : negatives) || 1;

  // Nesterov's accelerated gradient: each step is taken from a point ahead along the last
  // step's direction. 30 steps rank as well as 50 did (npm run eval:recs: precision@10 99.8%
  // against 100% on the generated corpus), where plain gradient descent wanted ~120.
  const weights = new Float64Array(columns.size);
  const previous = new Float64Array(columns.size);
  const ahead = new Float64Array(columns.size);
  const gradient = new Float64Array(columns.size);
  let [bias, previousBias] = [0, 0];
  for (let iteration = 0; iteration < iterations; iteration++) {
    const momentum = iteration / (iteration + 3);
    lookAhead(weights, previous, momentum, ahead);
    const aheadBias = bias + momentum * (bias - previousBias);
    const biasGradient = lossGradient(rows, ahead, aheadBias, gradient);
    previous.set(weights);
    previousBias = bias;
    descend(ahead, gradient, rate, l2, weights);
    bias = aheadBias - rate * biasGradient;
  }
  return { weights: largestWeights(columns, weights), bias };
}

type Row = { indexes: Int32Array; values: Float32Array; label: number; weight: number };

// The loops over every term and every example are functions of their own: called at every
// step, V8 optimises them within a few calls and keeps them so, where inlined in the trainer
// (one call a model) they ran unoptimised for the first steps of each model.

/** Nesterov's point ahead: weights + momentum * (weights - previous). */
function lookAhead(weights: Float64Array, previous: Float64Array, momentum: number, ahead: Float64Array): void {
  for (let column = 0; column < weights.length; column++) ahead[column] = weights[column]! + momentum * (weights[column]! - previous[column]!);
}

/** A gradient step from the point ahead, with the L2 term's own gradient. */
function descend(ahead: Float64Array, gradient: Float64Array, rate: number, l2: number, weights: Float64Array): void {
  for (let column = 0; column < weights.length; column++) weights[column] = ahead[column]! - rate * (gradient[column]! + l2 * ahead[column]!);
}

/** The weighted logistic loss's gradient at (weights, bias), written into `gradient`; returns the bias's. */
function lossGradient(rows: Row[], weights: Float64Array, bias: number, gradient: Float64Array): number {
  gradient.fill(0);
  let biasGradient = 0;
  for (const { indexes, values, label, weight } of rows) {
    let z = bias;
    for (let k = 0; k < indexes.length; k++) z += weights[indexes[k]!]! * values[k]!;
    const error = weight * (1 / (1 + Math.exp(-z)) - label);
    biasGradient += error;
    for (let k = 0; k < indexes.length; k++) gradient[indexes[k]!]! += error * values[k]!;
  }
  return biasGradient;
}

/** The KEPT_WEIGHTS largest weights by size (at a tie on the cut, all of them left out), as a vector by term. */
function largestWeights(columns: Map<number, number>, weights: Float64Array): SparseVector {
  const sizes = weights.map(Math.abs).sort();
  const cut = sizes.length > KEPT_WEIGHTS ? sizes[sizes.length - KEPT_WEIGHTS - 1]! : 0;
  const kept: Array<[number, number]> = [];
  for (const [term, column] of columns) if (Math.abs(weights[column]!) > cut) kept.push([term, weights[column]!]);
  return sparseVector(kept);
}

export function score(model: LinearModel, vector: SparseVector): number {
  return model.bias + dot(model.weights, vector);
}

/** The terms the model likes most, most first: what candidate papers are looked up by. */
export function strongestTerms(model: LinearModel, count: number): string[] {
  const { terms, values } = model.weights;
  return [...terms.keys()]
    .filter((index) => values[index]! > 0)
    .sort((a, b) => values[b]! - values[a]! || terms[a]! - terms[b]!)
    .slice(0, count)
    .map((index) => termName(terms[index]!));
}
