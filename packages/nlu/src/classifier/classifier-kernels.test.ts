import { describe, expect, it } from 'vitest';
import type { EncodedText } from './feature-vocabulary';
import { IntentClassifier, type ClassifierShape, type ClassifierWeights } from './intent-classifier';
import { SeededRandom } from './seeded-random';

function randomClassifier(features: number, dimension: number, classes: number, seed: number): { shape: ClassifierShape; weights: ClassifierWeights } {
  const random = new SeededRandom(seed);
  const values = (length: number, spread: number) => Float32Array.from({ length }, () => random.normal() * spread);
  return {
    shape: { features, dimension, classes, activation: 'softmax' },
    weights: { embedding: values(features * dimension, 0.5), output: values(dimension * classes, 0.3), bias: values(classes, 0.1) },
  };
}

function randomText(rows: number, features: number, seed: number): EncodedText {
  const random = new SeededRandom(seed);
  return {
    rows: Int32Array.from({ length: rows }, () => random.int(features)),
    // As the vocabulary weighs them: a long text does not saturate the softmax.
    weights: Float32Array.from({ length: rows }, () => random.next() / Math.sqrt(rows)),
    knownWords: rows,
  };
}

describe('classifier kernels (WebAssembly SIMD)', () => {
  it.each([
    ['one class', 40, 8, 1],
    ['a few classes', 40, 16, 3],
    ['CLINC150-sized', 2000, 64, 150],
  ])('score like the JS loops: %s', (_name, features, dimension, classes) => {
    const { shape, weights } = randomClassifier(features, dimension, classes, 7);
    const simd = IntentClassifier.quantized(shape, weights);
    const js = new IntentClassifier(shape, { ...simd.weights, embedding: { values: simd.weights.embedding.values.slice(), scales: simd.weights.embedding.scales.slice() } }, { kernels: false });
    expect([simd.engine, js.engine]).toEqual(['wasm-simd', 'js']);
    // No rows, a few, one short of a pass of four, and more than the kernels' scratch space holds at once.
    for (const rows of [0, 1, 5, 7, 3000]) {
      const text = randomText(rows, features, rows + 1);
      const [fast, reference] = [simd.probabilities(text), js.probabilities(text)];
      expect(fast.length).toBe(classes);
      fast.forEach((p, c) => expect(Math.abs(p - reference[c]!) / reference[c]!).toBeLessThan(1e-4));
    }
  });

  it('are deterministic: the same weights and text give bit-identical scores', () => {
    const { shape, weights } = randomClassifier(500, 32, 20, 3);
    const [a, b] = [IntentClassifier.quantized(shape, weights), IntentClassifier.quantized(shape, weights)];
    const text = randomText(60, 500, 9);
    expect(Array.from(a.probabilities(text))).toEqual(Array.from(b.probabilities(text)));
    expect(Array.from(a.probabilities(text))).toEqual(Array.from(a.probabilities(text)));
  });

  it('hold the only copy of the embedding, and leave shapes they cannot take to the JS loops', () => {
    const { shape, weights } = randomClassifier(100, 16, 4, 5);
    const simd = IntentClassifier.quantized(shape, weights);
    expect(simd.weights.embedding.values.length).toBe(100 * 16);
    expect(simd.byteLength % 65536).toBe(shape.classes * 4 * (1 + shape.dimension)); // output and bias beside whole pages
    const odd = randomClassifier(100, 12, 4, 5);
    expect(IntentClassifier.quantized(odd.shape, odd.weights).engine).toBe('js');
  });
});
