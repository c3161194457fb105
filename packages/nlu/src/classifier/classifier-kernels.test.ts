import { beforeAll, describe, expect, it } from 'vitest';
import { compileWat, loadClassifierKernels } from './classifier-kernels';
import type { EncodedText } from './feature-vocabulary';
import { IntentClassifier, type ClassifierShape, type ClassifierWeights } from './intent-classifier';
import { SeededRandom } from './seeded-random';

function randomClassifier(
  features: number,
  dimension: number,
  classes: number,
  seed: number,
): { shape: ClassifierShape; weights: ClassifierWeights } {
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

/** The JS loops on the same weights: the reference the kernels are checked against. */
function jsTwin(simd: IntentClassifier): IntentClassifier {
  const { embedding } = simd.weights;
  return new IntentClassifier(
    simd.shape,
    { ...simd.weights, embedding: { values: embedding.values.slice(), scales: embedding.scales.slice() } },
    { kernels: false },
  );
}

/** An output layer int8 holds exactly: each row's values are whole steps of a hundredth, one of them ±127 steps. */
function exactOutput(dimension: number, classes: number, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: dimension * classes }, (_, i) => (i % classes === 0 ? 127 : random.int(255) - 127) / 100);
}

describe('classifier kernels (WebAssembly SIMD)', () => {
  beforeAll(() => loadClassifierKernels());

  it('refuse a module that does not validate instead of falling back to the JS loops', async () => {
    await expect(compileWat('bad.wat', '(module (func (result i32) (f32.const 1)))')).rejects.toThrow(/bad.wat/);
  });

  it.each([
    ['one class', 40, 8, 1],
    ['a few classes', 40, 16, 3],
    ['CLINC150-sized', 2000, 64, 150],
  ])('compute what the JS loops compute: %s', (_name, features, dimension, classes) => {
    const { shape, weights } = randomClassifier(features, dimension, classes, 7);
    const simd = IntentClassifier.quantized(shape, { ...weights, output: exactOutput(dimension, classes, 11) });
    const js = jsTwin(simd);
    expect([simd.engine, js.engine]).toEqual(['wasm-simd', 'js']);
    // No rows, a few, one short of a pass of four, and more than the kernels' scratch space holds at once.
    for (const rows of [0, 1, 5, 7, 3000]) {
      const text = randomText(rows, features, rows + 1);
      const [fast, reference] = [simd.probabilities(text), js.probabilities(text)];
      expect(fast.length).toBe(classes);
      fast.forEach((p, c) => expect(Math.abs(p - reference[c]!) / reference[c]!).toBeLessThan(1e-4));
    }
  });

  it('hold the output layer as int8 rows: scores within 0.002 of the float ones on any weights, the same best intent', () => {
    const { shape, weights } = randomClassifier(2000, 64, 150, 13);
    const simd = IntentClassifier.quantized(shape, weights);
    const js = jsTwin(simd);
    for (const seed of [1, 2, 3]) {
      const text = randomText(70, 2000, seed);
      const [fast, reference] = [simd.probabilities(text), js.probabilities(text)];
      fast.forEach((p, c) => expect(Math.abs(p - reference[c]!)).toBeLessThan(0.002));
      expect(fast.indexOf(Math.max(...fast))).toBe(reference.indexOf(Math.max(...reference)));
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
    const { embedding, output, bias } = simd.weights;
    // The embedding is a view into the kernels' memory (whole WebAssembly pages), which byteLength counts once.
    expect(embedding.values.buffer).toBe(embedding.scales.buffer);
    expect(embedding.values.buffer.byteLength % 65536).toBe(0);
    expect(simd.byteLength).toBe(embedding.values.buffer.byteLength + output.byteLength + bias.byteLength);
    const odd = randomClassifier(100, 12, 4, 5);
    expect(IntentClassifier.quantized(odd.shape, odd.weights).engine).toBe('js');
  });
});
