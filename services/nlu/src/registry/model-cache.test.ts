/** The in-memory model cache with real (tiny) models: LRU eviction under a byte cap, one load per model. */
import { loadModel, type NluModel, type NluModelArtifact } from '@parley/nlu';
import { trainTinyModel } from '@parley/testkit/nlu/tiny-model';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache';

let artifact: NluModelArtifact;
let size = 0;

beforeAll(async () => {
  ({ artifact, sizeBytes: size } = await trainTinyModel());
});

function fresh(): NluModel {
  return loadModel(artifact);
}

describe('ModelCache', () => {
  it('evicts the least recently used model to make room, and reports residency', () => {
    const events: string[] = [];
    const cache = new ModelCache(size * 2.5, { onResident: (id, _version, bytes) => events.push(`${id}:${bytes > 0 ? 'in' : 'out'}`) });
    cache.put('a', 'v', fresh());
    cache.put('b', 'v', fresh());
    expect(cache.peek('a', 'v')).toBeDefined();
    cache.put('c', 'v', fresh());
    expect([cache.has('a', 'v'), cache.has('b', 'v'), cache.has('c', 'v')]).toEqual([true, false, true]);
    expect(cache.residentBytes).toBe(size * 2);
    expect(events).toEqual(['a:in', 'b:in', 'b:out', 'c:in']);
  });

  it('loads a missing model once however many callers wait', async () => {
    const cache = new ModelCache(size * 10);
    let loads = 0;
    const load = async (): Promise<NluModel> => {
      loads++;
      return fresh();
    };
    const [first, second] = await Promise.all([cache.acquire('a', 'v', size, load), cache.acquire('a', 'v', size, load)]);
    expect(first).toBe(second);
    expect(loads).toBe(1);
    expect(first.predict('hello').intent).toBe('greet');
  });

  it('refuses a model larger than the whole cap with MODEL_TOO_LARGE, before loading it', async () => {
    const cache = new ModelCache(size / 2);
    let loaded = false;
    const load = async (): Promise<NluModel> => {
      loaded = true;
      return fresh();
    };
    await expect(cache.acquire('big', 'v', size, load)).rejects.toMatchObject({ code: 'MODEL_TOO_LARGE', field: 'model' });
    expect(loaded).toBe(false);
    expect(() => cache.put('big', 'v', fresh())).toThrow(/more than loaded models may take together .*PARLEY_MODEL_MEMORY_MB/);
  });

  it('evicts one version or all versions of a model', () => {
    const cache = new ModelCache(size * 10);
    cache.put('a', 'v1', fresh());
    cache.put('a', 'v2', fresh());
    cache.put('b', 'v1', fresh());
    cache.evict('a', 'v1');
    expect([cache.has('a', 'v1'), cache.has('a', 'v2')]).toEqual([false, true]);
    cache.evict('a');
    expect([cache.has('a', 'v2'), cache.has('b', 'v1')]).toEqual([false, true]);
    cache.clear();
    expect(cache.residentBytes).toBe(0);
  });
});
