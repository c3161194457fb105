import { describe, expect, it } from 'vitest';
import { quantizeRows } from './quantized-rows';
import { SeededRandom } from './seeded-random';

describe('quantizeRows', () => {
  it('keeps every value within half a step of its row, and a zero row as zeros', () => {
    const random = new SeededRandom(7);
    const width = 16;
    const matrix = Float32Array.from({ length: width * 40 }, (_, i) => (i < width ? 0 : random.normal() * (1 + (i % 5))));
    const { values, scales } = quantizeRows(matrix, width);
    expect(values).toHaveLength(matrix.length);
    expect(scales).toHaveLength(40);
    expect(scales[0]).toBe(0);
    for (let i = 0; i < matrix.length; i++) {
      const row = Math.floor(i / width);
      expect(Math.abs(values[i]! * scales[row]! - matrix[i]!)).toBeLessThanOrEqual(scales[row]! / 2 + 1e-6);
    }
    // The largest magnitude of each row maps to ±127 exactly.
    for (let row = 1; row < 40; row++) expect(Math.max(...Array.from(values.subarray(row * width, (row + 1) * width), Math.abs))).toBe(127);
  });
});
