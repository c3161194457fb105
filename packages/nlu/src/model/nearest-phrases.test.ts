import { beforeAll, describe, expect, it } from 'vitest';
import { loadClassifierKernels } from '../classifier/classifier-kernels';
import { SeededRandom } from '../classifier/seeded-random';
import { unitVector } from '../classifier/vector-classifier';
import { NearestPhrases } from './nearest-phrases';

function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dimension }, () => random.normal()));
}

function cosine(a: Float32Array, b: Float32Array): number {
  const [x, y] = [unitVector(a), unitVector(b)];
  return x.reduce((sum, value, k) => sum + value * y[k]!, 0);
}

describe('NearestPhrases', () => {
  beforeAll(() => loadClassifierKernels());

  it('gives each intent the cosine of its nearest phrase, within int8 rounding', () => {
    const phrases = randomVectors(40, 64, 1);
    const labels = phrases.map((_, i) => i % 4);
    const nearest = NearestPhrases.fromVectors(phrases, labels);
    for (const text of randomVectors(5, 64, 2)) {
      const similarities = nearest.similarities(text, 5);
      for (let intent = 0; intent < 4; intent++) {
        const exact = Math.max(0, ...phrases.filter((_, i) => labels[i] === intent).map((phrase) => cosine(text, phrase)));
        expect(similarities[intent]).toBeCloseTo(exact, 2);
      }
      // An intent without phrases.
      expect(similarities[4]).toBe(0);
    }
  });

  it('computes in the kernels what the JS loop computes (the CLINC150 model: 150 intents × 32 phrases)', () => {
    const phrases = randomVectors(4800, 512, 3);
    const labels = phrases.map((_, i) => Math.floor(i / 32));
    const simd = NearestPhrases.fromVectors(phrases, labels);
    const js = new NearestPhrases(
      { ...simd.data, rows: { values: simd.data.rows.values.slice(), scales: simd.data.rows.scales.slice() } },
      { kernels: false },
    );
    expect([simd.engine, js.engine]).toEqual(['wasm-simd', 'js']);
    for (const text of randomVectors(20, 512, 4)) {
      const [fromKernel, fromLoop] = [simd.similarities(text, 150), js.similarities(text, 150)];
      fromLoop.forEach((similarity, intent) => expect(fromKernel[intent]).toBeCloseTo(similarity, 5));
    }
  });

  it('keeps the first 32 phrases of an intent', () => {
    const phrases = randomVectors(40, 16, 5);
    expect(
      NearestPhrases.fromVectors(
        phrases,
        phrases.map(() => 0),
      ).data.labels.length,
    ).toBe(32);
  });
});
