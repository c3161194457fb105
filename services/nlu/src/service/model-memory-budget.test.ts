import { describe, expect, it } from 'vitest';
import { LOADED_MODEL_OVERHEAD, MIN_MODEL_MEMORY_BYTES, SERVING_HEADROOM_BYTES, modelMemoryBudget } from './model-memory-budget';

const MB = 1024 * 1024;

describe('modelMemoryBudget', () => {
  it('gives models the cap less the start-up footprint and the serving headroom, in the sizes models report', () => {
    expect(modelMemoryBudget(512 * MB, 90 * MB)).toBe(Math.floor((512 * MB - 90 * MB - SERVING_HEADROOM_BYTES) / LOADED_MODEL_OVERHEAD));
  });

  it('refuses a cap that leaves models less than the minimum, naming the variable and the least value that works', () => {
    const least = (90 * MB + SERVING_HEADROOM_BYTES + MIN_MODEL_MEMORY_BYTES) / MB;
    expect(() => modelMemoryBudget(64 * MB, 90 * MB)).toThrow(
      new RegExp(
        `^PARLEY_MODEL_MEMORY_MB=64 is less than the NLU service needs: the process takes 90 MB at start-up .* at least ${least} `,
      ),
    );
    expect(() => modelMemoryBudget((least - 1) * MB, 90 * MB)).toThrow(/PARLEY_MODEL_MEMORY_MB/);
    expect(modelMemoryBudget(least * MB, 90 * MB)).toBe(Math.floor(MIN_MODEL_MEMORY_BYTES / LOADED_MODEL_OVERHEAD));
  });
});
