import { describe, expect, it } from 'vitest';
import type { IntentClassifierPrediction } from '@parley/domain';
import type { ClassificationOutcome } from './classification-outcome';
import { ANSWER_LOSS_BUDGET, metricsAt, pickThreshold } from './threshold-metrics';

const prediction = { fallbackReason: 'NONE' } as IntentClassifierPrediction;
const right = (score: number): ClassificationOutcome => ({ expected: 'a', top: 'a', topScore: score, secondScore: 0, prediction });
const outOfScope = (score: number): ClassificationOutcome => ({ expected: null, top: 'a', topScore: score, secondScore: 0, prediction });

describe('pickThreshold', () => {
  it('rejects as much out-of-scope text as keeping 97 % of the right answers allows', () => {
    // 100 right answers scored 0.005 … 0.995 (so each 0.01 of threshold loses one), 10 out-of-scope rows at 0.1 … 0.55.
    const outcomes = [
      ...Array.from({ length: 100 }, (_, i) => right(0.005 + i * 0.01)),
      ...Array.from({ length: 10 }, (_, i) => outOfScope(0.1 + i * 0.05)),
    ];
    const threshold = pickThreshold(outcomes);
    expect(ANSWER_LOSS_BUDGET).toBe(0.03);
    expect(threshold).toBe(0.03);
    expect(metricsAt(outcomes, threshold).inScopeAccuracy).toBeCloseTo(0.97, 10);
    expect(metricsAt(outcomes, threshold + 0.01).inScopeAccuracy).toBeLessThan(0.97);
  });

  it('answers 0 when nothing is out of scope', () => {
    expect(pickThreshold([right(0.2), right(0.9)])).toBe(0);
  });
});
