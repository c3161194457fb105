/**
 * The classifiers' probabilities combined log-linearly: p ∝ bag^wb · vector^wv · nearest^wn (wv = 1 − wb − wn), a
 * weighted geometric mean normalised over all intents. "nearest" scores each intent by its nearest training phrase
 * (softmax of scaled cosines), where the vector classifier scores it by its learnt direction: with few phrases the
 * two disagree usefully. The weights are chosen by cross-validation on the training phrases (calibration.ts). A
 * geometric mean rather than an average: an intent every classifier finds likely stands out, and one that any of
 * them rules out does not.
 */
const FLOOR = 1e-9;

export interface FusionWeights {
  /** The n-gram bag's weight (1: the bag alone). */
  bag: number;
  /** The nearest-phrase scores' weight; the vector classifier gets the rest. */
  nearest: number;
}

export function fuseScores(
  bag: Float32Array,
  vector: Float32Array,
  nearest: Float32Array | undefined,
  weights: FusionWeights,
): Float32Array {
  if (weights.bag >= 1) return bag;
  const vectorWeight = 1 - weights.bag - weights.nearest;
  const logs = new Float64Array(bag.length);
  let largest = -Infinity;
  for (let i = 0; i < bag.length; i++) {
    logs[i] = weights.bag * Math.log(Math.max(FLOOR, bag[i]!)) + vectorWeight * Math.log(Math.max(FLOOR, vector[i]!));
    if (nearest !== undefined && weights.nearest > 0) logs[i]! += weights.nearest * Math.log(Math.max(FLOOR, nearest[i]!));
    largest = Math.max(largest, logs[i]!);
  }
  let total = 0;
  for (let i = 0; i < logs.length; i++) {
    logs[i] = Math.exp(logs[i]! - largest);
    total += logs[i]!;
  }
  const fused = new Float32Array(bag.length);
  for (let i = 0; i < logs.length; i++) fused[i] = logs[i]! / total;
  return fused;
}

/** Per intent, softmax(scale · cosine to its nearest training phrase). */
export function nearestScores(similarities: Float32Array, scale: number): Float32Array {
  let largest = -Infinity;
  for (const similarity of similarities) largest = Math.max(largest, similarity);
  const scores = similarities.map((similarity) => Math.exp(scale * (similarity - largest)));
  const total = scores.reduce((sum, score) => sum + score, 0);
  return scores.map((score) => score / total);
}

/** Scores scaled by familiarity^exponent: unfamiliar text scores lower everywhere; the ranking is unchanged. */
export function withFamiliarity(scores: Float32Array, familiarity: number, exponent: number): Float32Array {
  if (exponent === 0) return scores;
  const factor = Math.pow(Math.max(0, familiarity), exponent);
  return scores.map((score) => score * factor);
}
