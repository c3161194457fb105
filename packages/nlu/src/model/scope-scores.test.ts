import { describe, expect, it } from 'vitest';
import { scopeScores } from './scope-scores';

describe('scopeScores', () => {
  const probabilities = Float32Array.from([0.5, 0.3, 0.16, 0.04]);

  it('keeps the all-intents probabilities as they are', () => {
    expect(scopeScores(probabilities, [0, 1, 2, 3])).toBe(probabilities);
  });

  it('scores a scope p / √(Σ scope p): the geometric mean of the global and the in-scope probability', () => {
    const scores = scopeScores(probabilities, [1, 2]);
    expect(scores[1]).toBeCloseTo(0.3 / Math.sqrt(0.46), 6);
    expect(scores[2]).toBeCloseTo(0.16 / Math.sqrt(0.46), 6);
  });

  it('keeps a one-intent scope low when another intent takes the mass', () => {
    expect(scopeScores(probabilities, [3])[3]).toBeCloseTo(0.2, 6); // √0.04
    expect(scopeScores(probabilities, [0])[0]).toBeCloseTo(Math.sqrt(0.5), 6);
  });
});
