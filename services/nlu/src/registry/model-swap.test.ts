/**
 * ModelSwap with real (tiny) models in a real model directory: what is loaded before an alias moves, and what is
 * unloaded after a re-read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type NluModelArtifact } from '@parley/nlu';
import { trainTinyModel } from '@parley/testkit/nlu/tiny-model';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache';
import { DirectoryModelStore } from './directory-model-store';
import type { VersionInfo } from './model-store';
import { ModelSwap } from './model-swap';

let dir = '';
let store: DirectoryModelStore;
let artifact: NluModelArtifact;
let size = 0;

function info(modelId: string, version: string): VersionInfo {
  return {
    modelId,
    version,
    createdAt: '2024-01-01T00:00:00Z',
    trainSeconds: 1,
    sizeBytes: size,
    scopes: ['*'],
    intents: 2,
    examples: 6,
    stats: [],
    warnings: [],
  };
}

beforeAll(async () => {
  ({ artifact, sizeBytes: size } = await trainTinyModel());
  dir = await mkdtemp(join(tmpdir(), 'parley-swap-'));
  store = new DirectoryModelStore(dir);
  await store.init();
  for (const [modelId, version] of [
    ['bot', 'v1'],
    ['bot', 'v2'],
    ['idle', 'v1'],
    ['idle', 'v2'],
  ] as const) {
    await store.writeVersion(info(modelId, version), artifact);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function setUp(capBytes: number): { cache: ModelCache; swap: ModelSwap } {
  const cache = new ModelCache(capBytes);
  cache.put('bot', 'v1', loadModel(artifact));
  return { cache, swap: new ModelSwap(store, cache, pino({ level: 'silent' }), false) };
}

describe('ModelSwap', () => {
  it('loads the new targets of moved aliases when the model is in use here, and only then', async () => {
    const { cache, swap } = setUp(size * 10);
    await swap.beforeAliasesMove('bot', ['v2']);
    expect(cache.residentVersions('bot')).toEqual(['v1', 'v2']);
    expect(cache.peek('bot', 'v2')?.predict('hello').intent).toBe('greet');
    await swap.beforeAliasesMove('idle', ['v2']);
    expect(cache.residentVersions('idle')).toEqual([]);
  });

  it('unloads the versions a re-read no longer lists (deleted here or by another replica)', async () => {
    const { cache, swap } = setUp(size * 10);
    await swap.beforeAliasesMove('bot', ['v2']);
    swap.afterRefresh('bot', new Set(['v2']));
    expect(cache.residentVersions('bot')).toEqual(['v2']);
    swap.afterRefresh('bot', new Set());
    expect(cache.residentVersions('bot')).toEqual([]);
  });

  it('does not load ahead what would push the version in use out of memory; a missing version is no error', async () => {
    const { cache, swap } = setUp(size * 1.5);
    await swap.beforeAliasesMove('bot', ['v2', 'gone']);
    expect(cache.residentVersions('bot')).toEqual(['v1']);
  });
});
