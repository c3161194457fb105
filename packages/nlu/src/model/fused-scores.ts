/**
 * The two classifiers' probabilities combined log-linearly: p ∝ bag^w · vector^(1−w), a weighted geometric mean,
 * normalised over all intents. The weight is chosen by cross-validation on the training phrases (calibration.ts).
 * A geometric mean rather than an average: an intent both classifiers find likely stands out, and one that either
 * rules out does not.
 */
const FLOOR = 1e-9;

export function fuseScores(bag: Float32Array, vector: Float32Array, weight: number): Float32Array {
  if (weight >= 1) return bag;
  const logs = new Float64Array(bag.length);
  let largest = -Infinity;
  for (let i = 0; i < bag.length; i++) {
    logs[i] = weight * Math.log(Math.max(FLOOR, bag[i]!)) + (1 - weight) * Math.log(Math.max(FLOOR, vector[i]!));
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

/** Scores scaled by familiarity^exponent: unfamiliar text scores lower everywhere; the ranking is unchanged. */
export function withFamiliarity(scores: Float32Array, familiarity: number, exponent: number): Float32Array {
  if (exponent === 0) return scores;
  const factor = Math.pow(Math.max(0, familiarity), exponent);
  return scores.map((score) => score * factor);
}
