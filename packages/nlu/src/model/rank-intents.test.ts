import { describe, expect, it } from 'vitest';
import { rankIntents } from './rank-intents';

describe('rankIntents', () => {
  it('orders by score, best first, ties in definition order, only the given intents', () => {
    const scores = Float32Array.from([0.1, 0.5, 0.1, 0, 0.3, 1e-30]);
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(rankIntents([5, 3, 2, 0, 1], scores, names)).toEqual([
      { intent: 'b', score: 0.5 },
      { intent: 'a', score: Math.fround(0.1) },
      { intent: 'c', score: Math.fround(0.1) },
      { intent: 'f', score: Math.fround(1e-30) },
      { intent: 'd', score: 0 },
    ]);
  });

  it('agrees with a plain sort on random scores', () => {
    const scores = Float32Array.from({ length: 300 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const names = scores.map((_, i) => i).reduce<string[]>((all, i) => [...all, `intent${i}`], []);
    const intents = names.map((_, i) => i);
    const expected = [...intents].sort((a, b) => scores[b]! - scores[a]! || a - b).map((i) => names[i]);
    expect(rankIntents(intents, scores, names).map((r) => r.intent)).toEqual(expected);
  });

  it('agrees with a plain sort when scores crowd into few exponents, with ties, and when all are alike', () => {
    const cases = [
      Float32Array.from({ length: 500 }, (_, i) => 0.5 + ((i * 7919) % 997) / 4000),
      Float32Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0.25 : 1 / (2 + (i % 11)))),
      new Float32Array(300).fill(1 / 300),
      Float32Array.from({ length: 150 }, (_, i) => Math.exp(-i / 3)),
    ];
    for (const scores of cases) {
      const names = Array.from(scores, (_, i) => `intent${i}`);
      const intents = names.map((_, i) => i).reverse();
      const expected = [...intents].sort((a, b) => scores[b]! - scores[a]! || a - b).map((i) => names[i]);
      expect(rankIntents(intents, scores, names).map((r) => r.intent)).toEqual(expected);
    }
  });
});
