import { describe, expect, it } from 'vitest';
import { IntentClassifier } from './intent-classifier';

describe('IntentClassifier', () => {
  // 3 feature rows × 2 dimensions, 2 dimensions × 3 classes.
  const weights = {
    embedding: Float32Array.from([1, 0, 0, 1, 1, 1]),
    output: Float32Array.from([2, 0, 0, 0, 2, 0]),
    bias: Float32Array.from([0, 0, 1]),
  };

  it('scores the weighted bag through the output layer with a softmax', () => {
    const classifier = IntentClassifier.quantized({ features: 3, dimension: 2, classes: 3, activation: 'softmax' }, weights);
    // bag = 1·row0 + 0.5·row2 = (1.5, 0.5); logits = (3, 1, 1)
    const scores = classifier.probabilities({ rows: Int32Array.from([0, 2]), weights: Float32Array.from([1, 0.5]), knownWords: 1 });
    const total = Math.exp(3) + 2 * Math.exp(1);
    expect(Array.from(scores).map((s) => Number(s.toFixed(6)))).toEqual(
      [Math.exp(3) / total, Math.exp(1) / total, Math.exp(1) / total].map((s) => Number(s.toFixed(6))),
    );
  });

  it('gives independent sigmoid scores, and unrolls correctly past four rows', () => {
    const classifier = IntentClassifier.quantized({ features: 3, dimension: 2, classes: 3, activation: 'sigmoid' }, weights);
    // five rows: 0,1,2,0,1 with weight 1 → bag = (3, 3); logits = (6, 6, 1)
    const scores = classifier.probabilities({
      rows: Int32Array.from([0, 1, 2, 0, 1]),
      weights: new Float32Array(5).fill(1),
      knownWords: 5,
    });
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    expect(scores[0]).toBeCloseTo(sigmoid(6), 6);
    expect(scores[2]).toBeCloseTo(sigmoid(1), 6);
  });

  it('refuses weights that do not match the shape', () => {
    expect(() => IntentClassifier.quantized({ features: 4, dimension: 2, classes: 3, activation: 'softmax' }, weights)).toThrow(
      /embedding/,
    );
  });
});
