/**
 * The classifier over sentence-encoder vectors: one unit vector per intent, scores = softmax(scale · cosine). A cosine
 * classifier, because with a few phrases per intent the vectors' direction carries the meaning and their length
 * nothing; trained from the intents' centroids (see train-vector-classifier.ts).
 */
export interface VectorClassifierWeights {
  classes: number;
  dimension: number;
  /** classes × dimension, each row of length 1. */
  rows: Float32Array;
  scale: number;
}

export class VectorClassifier {
  constructor(readonly weights: VectorClassifierWeights) {}

  get byteLength(): number {
    return this.weights.rows.byteLength;
  }

  /** Softmax probabilities of every intent for one vector (of any length: it is normalised here). */
  probabilities(vector: Float32Array): Float32Array {
    const { classes, dimension, rows, scale } = this.weights;
    const inverseNorm = 1 / Math.max(1e-12, norm(vector));
    const scores = new Float32Array(classes);
    let largest = -Infinity;
    for (let c = 0; c < classes; c++) {
      let dot = 0;
      const start = c * dimension;
      for (let k = 0; k < dimension; k++) dot += rows[start + k]! * vector[k]!;
      scores[c] = scale * dot * inverseNorm;
      largest = Math.max(largest, scores[c]!);
    }
    let total = 0;
    for (let c = 0; c < classes; c++) {
      scores[c] = Math.exp(scores[c]! - largest);
      total += scores[c]!;
    }
    for (let c = 0; c < classes; c++) scores[c] = scores[c]! / total;
    return scores;
  }
}

export function norm(vector: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < vector.length; k++) sum += vector[k]! * vector[k]!;
  return Math.sqrt(sum);
}

/** A copy of length 1 (a zero vector stays zero). */
export function unitVector(vector: Float32Array): Float32Array {
  const inverse = 1 / Math.max(1e-12, norm(vector));
  return vector.map((value) => value * inverse);
}
