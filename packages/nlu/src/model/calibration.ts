/**
 * Chooses how a model decides, from its cross-validated training phrases alone (cross-validation.ts):
 * - the fusion weights of the bag, the vector classifier and the nearest-phrase scores: those with the best held-out
 *   top-1 accuracy;
 * - the threshold: the highest that keeps 97 % of the right held-out answers (a right answer scoring below it
 *   would become a fallback);
 * - the familiarity exponent: the one whose threshold rejects the most pseudo out-of-scope text. Pseudo OOS is each
 *   held-out phrase scored as if its own intent did not exist (the scores renormalised without it, familiarity
 *   measured to the other intents' phrases): text from a neighbouring topic the bot was not taught.
 * With fewer than 10 right held-out answers there is nothing to measure, and BBF's 0.4 serves.
 */
import type { Calibration } from '../api';
import type { HeldOut } from './cross-validation';
import { fuseScores, nearestScores, type FusionWeights } from './fused-scores';

export const DEFAULT_THRESHOLD = 0.4;
const KEPT_RIGHT_ANSWERS = 0.97;
const MIN_RIGHT_ANSWERS = 10;
/** Candidates in order of preference when they tie: the bag's weight, then the nearest-phrase scores'. */
const FUSION_WEIGHTS: FusionWeights[] = [0.4, 0.5, 0.3, 0.6, 0.7].flatMap((bag) => [0, 0.15, 0.3].map((nearest) => ({ bag, nearest })));
const FAMILIARITY_EXPONENTS = [0, 1, 2, 3, 4];

/** The calibration of a model that was not cross-validated: the definition's threshold, the bag alone. */
export function fixedCalibration(threshold: number | undefined): Calibration {
  return {
    threshold: threshold ?? DEFAULT_THRESHOLD,
    thresholdSource: threshold === undefined ? 'default' : 'definition',
    fusionWeight: 1,
    nearestWeight: 0,
    familiarityExponent: 0,
  };
}

export function calibrate(
  heldOut: readonly HeldOut[],
  options: { threshold?: number | undefined; familiarity: boolean; nearestScale: number },
): Calibration {
  const withEncoder = heldOut.length > 0 && heldOut.every((entry) => entry.vector !== undefined && entry.nearest !== undefined);
  const fuse = (entry: HeldOut, weights: FusionWeights): Float32Array =>
    entry.vector === undefined || entry.nearest === undefined
      ? entry.bag
      : fuseScores(entry.bag, entry.vector, nearestScores(entry.nearest, options.nearestScale), weights);
  const weights = withEncoder ? bestFusionWeights(heldOut, fuse) : { bag: 1, nearest: 0 };
  const fusion = { fusionWeight: weights.bag, nearestWeight: weights.nearest };
  const scored = heldOut.map((entry) => ({ label: entry.label, scores: fuse(entry, weights), nearest: entry.nearest }));
  const exponents = withEncoder && options.familiarity ? FAMILIARITY_EXPONENTS : [0];
  let best = { exponent: 0, threshold: Number.NaN, recall: -1, right: 0 };
  for (const exponent of exponents) {
    const right: number[] = [];
    const pseudoOos: number[] = [];
    for (const { label, scores, nearest } of scored) {
      const top = argmax(scores);
      const familiarity = nearest === undefined ? 1 : Math.max(...nearest);
      if (top === label) right.push(scores[top]! * Math.pow(familiarity, exponent));
      pseudoOos.push(withoutIntent(scores, label) * Math.pow(nearest === undefined ? 1 : largestExcept(nearest, label), exponent));
    }
    const threshold = thresholdKeeping(right);
    const recall = pseudoOos.filter((score) => score < threshold).length / Math.max(1, pseudoOos.length);
    if (recall > best.recall) best = { exponent, threshold, recall, right: right.length };
  }
  if (best.right < MIN_RIGHT_ANSWERS) {
    return { ...fixedCalibration(options.threshold), ...fusion, familiarityExponent: 0 };
  }
  return {
    threshold: options.threshold ?? best.threshold,
    thresholdSource: options.threshold === undefined ? 'cross-validation' : 'definition',
    ...fusion,
    familiarityExponent: best.exponent,
  };
}

function bestFusionWeights(heldOut: readonly HeldOut[], fuse: (entry: HeldOut, weights: FusionWeights) => Float32Array): FusionWeights {
  let best = { weights: FUSION_WEIGHTS[0]!, correct: -1 };
  for (const weights of FUSION_WEIGHTS) {
    const correct = heldOut.filter((entry) => argmax(fuse(entry, weights)) === entry.label).length;
    if (correct > best.correct) best = { weights, correct };
  }
  return best.weights;
}

/** The highest threshold (to 0.001) that keeps KEPT_RIGHT_ANSWERS of these scores at or above it. */
function thresholdKeeping(rightScores: number[]): number {
  if (rightScores.length === 0) return DEFAULT_THRESHOLD;
  const sorted = [...rightScores].sort((a, b) => a - b);
  const score = sorted[Math.floor((1 - KEPT_RIGHT_ANSWERS) * sorted.length)]!;
  return Math.floor(score * 1000) / 1000;
}

/** The best score once `intent` is removed and the rest renormalised. */
function withoutIntent(scores: Float32Array, intent: number): number {
  let total = 0;
  let best = 0;
  for (let i = 0; i < scores.length; i++) {
    if (i === intent) continue;
    total += scores[i]!;
    best = Math.max(best, scores[i]!);
  }
  return total > 0 ? best / total : 0;
}

function largestExcept(values: Float32Array, except: number): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) if (i !== except) best = Math.max(best, values[i]!);
  return best;
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
