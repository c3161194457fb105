/**
 * Accuracy figures at a given confidence threshold, from collected outcomes: in-scope accuracy (right intent and
 * accepted), out-of-scope recall (rejected), a sweep over thresholds, and the threshold that balances the two.
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

/** The threshold maximising the mean of in-scope accuracy and OOS recall (the lowest such, on a 0.01 grid). */
export function pickThreshold(outcomes: readonly ClassificationOutcome[], ambiguityMargin = 0): number {
  let best = { threshold: 0, value: -1 };
  for (let i = 0; i < 100; i++) {
    const point = metricsAt(outcomes, round(i * 0.01), ambiguityMargin);
    const value = point.oosRecall === null ? point.inScopeAccuracy : (point.inScopeAccuracy + point.oosRecall) / 2;
    if (value > best.value) best = { threshold: point.threshold, value };
  }
  return best.threshold;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
