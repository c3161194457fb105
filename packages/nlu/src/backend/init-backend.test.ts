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

  it('computes the gather gradient (UnsortedSegmentSum) correctly', async () => {
    await initBackend();
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const indices = tf.tensor1d([2, 0, 2], 'int32');
    const weights = tf.tensor2d([[1, 1], [10, 10], [100, 100]]);
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, indices), weights)))(table);
    expect(Array.from(grad.dataSync())).toEqual([10, 10, 0, 0, 101, 101]);
  });
});
