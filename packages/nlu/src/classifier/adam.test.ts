import { describe, expect, it } from 'vitest';
import { Adam } from './adam';

describe('Adam', () => {
  it('updates only the given rows, each step against the gradient sign', () => {
    const params = new Float32Array(6); // 3 rows × 2
    const adam = new Adam(params, 2);
    adam.update(Float32Array.from([1, -1]), 0.1, Int32Array.from([1]));
    [0, 0, -0.1, 0.1, 0, 0].forEach((value, i) => expect(params[i]).toBeCloseTo(value, 6));
  });

  it('updates every row when no rows are given', () => {
    const params = new Float32Array(2);
    new Adam(params, 1).update(Float32Array.from([2, -2]), 0.5);
    expect(params[0]).toBeCloseTo(-0.5, 6);
    expect(params[1]).toBeCloseTo(0.5, 6);
  });
});
