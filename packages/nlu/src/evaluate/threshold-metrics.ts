/**
 * Accuracy figures at a given confidence threshold, from collected outcomes: in-scope accuracy (right intent and
 * accepted), out-of-scope recall (rejected), a sweep over thresholds, and the threshold to recommend.
 */
import type { ThresholdPoint } from '../api';
import type { ClassificationOutcome } from './classification-outcome';

/** The intent answered at this threshold, or null for fallback. */
export function answerAt(outcome: ClassificationOutcome, threshold: number, ambiguityMargin: number): string | null {
  if (outcome.prediction.fallbackReason === 'OUT_OF_VOCABULARY' || outcome.prediction.fallbackReason === 'NO_INTENTS') return null;
  if (outcome.topScore < threshold) return null;
  if (ambiguityMargin > 0 && outcome.topScore - outcome.secondScore < ambiguityMargin) return null;
  return outcome.top;
}

export function metricsAt(outcomes: readonly ClassificationOutcome[], threshold: number, ambiguityMargin = 0): ThresholdPoint {
  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosRejected = 0;
  for (const outcome of outcomes) {
    const answer = answerAt(outcome, threshold, ambiguityMargin);
    if (outcome.expected === null) {
      oos++;
      if (answer === null) oosRejected++;
    } else {
      inScope++;
      if (answer === outcome.expected) inScopeRight++;
    }
  }
  return { threshold, inScopeAccuracy: inScope === 0 ? 0 : inScopeRight / inScope, oosRecall: oos === 0 ? null : oosRejected / oos };
}

/** Share of in-scope examples whose best-ranked intent is right, threshold ignored. */
export function top1Accuracy(outcomes: readonly ClassificationOutcome[]): number {
  const inScope = outcomes.filter((o) => o.expected !== null);
  return inScope.length === 0 ? 0 : inScope.filter((o) => o.top === o.expected).length / inScope.length;
}

export function thresholdSweep(outcomes: readonly ClassificationOutcome[], ambiguityMargin = 0, step = 0.05): ThresholdPoint[] {
  const points: ThresholdPoint[] = [];
  for (let i = 0; i * step <= 1 + 1e-9; i++) points.push(metricsAt(outcomes, round(i * step), ambiguityMargin));
  return points;
}

/**
 * Share of the right answers a recommended threshold may turn into fallbacks. A wrong fallback costs a user a
 * rephrasing; this budget keeps 97 % of the right answers and rejects as much out-of-scope text as that allows.
 */
export const ANSWER_LOSS_BUDGET = 0.03;

/**
 * The threshold to recommend (on a 0.01 grid): the highest whose in-scope accuracy stays within
 * ANSWER_LOSS_BUDGET of the accuracy with no threshold, so out-of-scope recall is as high as that budget allows.
 * Without out-of-scope examples there is nothing to reject, and the answer is 0.
 */
export function pickThreshold(outcomes: readonly ClassificationOutcome[], ambiguityMargin = 0): number {
  const unlimited = metricsAt(outcomes, 0, ambiguityMargin);
  if (unlimited.oosRecall === null) return 0;
  const floor = unlimited.inScopeAccuracy * (1 - ANSWER_LOSS_BUDGET);
  let best = 0;
  for (let i = 1; i < 100; i++) {
    const point = metricsAt(outcomes, round(i * 0.01), ambiguityMargin);
    if (point.inScopeAccuracy < floor) break;
    best = point.threshold;
  }
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
