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
});
