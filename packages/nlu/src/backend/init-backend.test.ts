import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './init-backend';

describe('initBackend', () => {
  it('activates a fast backend and says which', async () => {
    const name = await initBackend();
    expect(['tensorflow', 'wasm']).toContain(name);
    expect(tf.getBackend()).toBe(name);
    expect(await initBackend()).toBe(name);
  });

  it('sums segments with the registered kernel (the embedding gradient)', async () => {
    const name = await initBackend();
    if (name === 'wasm') expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    const rows = tf.tensor2d([
      [1, 1],
      [10, 10],
      [100, 100],
      [7, 7],
    ]);
    const segments = tf.tensor1d([2, 0, 2, 9], 'int32');
    const sums = tf.unsortedSegmentSum(rows, segments, 3);
    expect(sums.shape).toEqual([3, 2]);
    // Row 3 names segment 9, outside [0, 3): dropped, as TensorFlow does.
    expect(Array.from(sums.dataSync())).toEqual([10, 10, 0, 0, 101, 101]);
  });
});
