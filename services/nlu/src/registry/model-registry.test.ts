/** The model directory seen by two registries at once, as two replicas sharing it would, and the registry's hooks. */
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParleyError } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelChange } from './model-change';
import { ModelRegistry, type ModelRegistryHooks } from './model-registry';
import { DirectoryModelStore } from './directory-model-store';
import type { VersionInfo } from './model-store';

function info(version: string, createdAt: string): VersionInfo {
  return {
    modelId: 'bot',
    version,
    createdAt,
    trainSeconds: 1,
    sizeBytes: 3,
    scopes: ['*'],
    intents: 2,
    examples: 6,
    stats: [],
    warnings: [],
  };
}

function artifact(version: string): NluModelArtifact {
  return { manifest: { version }, weights: new Uint8Array([1, 2, 3]) };
}

describe('ModelRegistry and ModelStore', () => {
  let dir = '';
  let clock = 0;
  let replicaA: ModelRegistry;
  let replicaB: ModelRegistry;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-registry-'));
    replicaA = new ModelRegistry(new DirectoryModelStore(dir), 1000, () => clock);
    replicaB = new ModelRegistry(new DirectoryModelStore(dir), 1000, () => clock);
    await replicaA.init();
    await replicaB.init();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores immutable versions, moves latest, and reads artifacts back', async () => {
    expect(await replicaA.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'))).toBe(true);
    expect(await replicaA.addVersion(info('v1', '2024-01-02T00:00:00Z'), artifact('other'))).toBe(false);
    const stored = await replicaA.readArtifact('bot', 'v1');
    expect(stored?.manifest).toEqual({ version: 'v1' });
    expect([...(stored?.weights ?? [])]).toEqual([1, 2, 3]);
    expect((await replicaA.versionInfo('bot', 'v1'))?.createdAt).toBe('2024-01-01T00:00:00Z');
    expect(replicaA.resolveCached('bot', '')).toBe('v1');
    expect(await readdir(join(dir, 'bot', 'versions'))).toEqual(['v1']);
  });

  it('resolves no ref through Object.prototype ("toString", "constructor"), unless it is a real alias', async () => {
    await replicaA.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'));
    for (const ref of ['toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      expect(replicaA.resolveCached('bot', ref)).toBeUndefined();
      expect(await replicaA.resolve('bot', ref)).toBeUndefined();
    }
    await replicaA.setAlias('bot', 'constructor', 'v1');
    expect(await replicaA.resolve('bot', 'constructor')).toBe('v1');
  });

  it('resolves refs: empty → production, then latest; an alias; a version', async () => {
    await replicaA.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'));
    await replicaA.addVersion(info('v2', '2024-01-02T00:00:00Z'), artifact('v2'));
    expect(await replicaA.resolve('bot', '')).toBe('v2');
    await replicaA.setAlias('bot', 'production', 'v1');
    expect(await replicaA.resolve('bot', '')).toBe('v1');
    expect(await replicaA.resolve('bot', 'latest')).toBe('v2');
    expect(await replicaA.resolve('bot', 'v2')).toBe('v2');
    expect(await replicaA.resolve('bot', 'v3')).toBeUndefined();
    expect(await replicaA.resolve('nobody', '')).toBeUndefined();
  });

  it('sees what another replica wrote: at once on a miss, within refreshMs for a moved alias', async () => {
    await replicaB.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'));
    expect(replicaA.resolveCached('bot', '')).toBeUndefined();
    expect(await replicaA.resolve('bot', '')).toBe('v1');
    await replicaB.addVersion(info('v2', '2024-01-02T00:00:00Z'), artifact('v2'));
    await replicaB.setAlias('bot', 'production', 'v2');
    expect(replicaA.resolveCached('bot', '')).toBe('v1');
    clock += 1001;
    replicaA.resolveCached('bot', '');
    await replicaA.refresh('bot');
    expect(replicaA.resolveCached('bot', '')).toBe('v2');
  });

  it('refuses bad alias names and aliases to missing versions', async () => {
    await replicaA.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'));
    await expect(replicaA.setAlias('bot', '../x', 'v1')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'alias' });
    const error = await replicaA.setAlias('bot', 'staging', 'v9').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', field: 'version' });
  });

  it('deleting a version drops its aliases and moves latest back; deleting the model removes everything', async () => {
    await replicaA.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'));
    await replicaA.addVersion(info('v2', '2024-01-02T00:00:00Z'), artifact('v2'));
    await replicaA.setAlias('bot', 'staging', 'v2');
    expect(await replicaA.deleteVersion('bot', 'v2')).toBe(true);
    expect((await replicaA.describe('bot'))?.aliases).toEqual({ latest: 'v1' });
    expect(await replicaA.deleteVersion('bot', 'v2')).toBe(false);
    expect(await replicaA.deleteModel('bot')).toBe(true);
    expect(await replicaA.describe('bot')).toBeUndefined();
    expect(await replicaB.resolve('bot', '')).toBeUndefined();
    expect(await replicaA.deleteModel('bot')).toBe(false);
  });

  it('ignores temp folders, deleted models and the jobs folder when listing', async () => {
    await replicaA.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'));
    await mkdir(join(dir, '_jobs'));
    await mkdir(join(dir, '.deleted-old'));
    await mkdir(join(dir, 'bot', 'versions', '.tmp-123'), { recursive: true });
    expect((await replicaA.list()).map((entry) => [entry.modelId, entry.versions.map((v) => v.version)])).toEqual([['bot', ['v1']]]);
  });
});

/** A promise a test settles by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('ModelRegistry hooks', () => {
  let dir = '';
  let writer: ModelRegistry;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-registry-hooks-'));
    writer = new ModelRegistry(new DirectoryModelStore(dir), 60_000);
    await writer.init();
    await writer.addVersion(info('v1', '2024-01-01T00:00:00Z'), artifact('v1'));
    await writer.addVersion(info('v2', '2024-01-02T00:00:00Z'), artifact('v2'));
    await writer.addVersion(info('v3', '2024-01-03T00:00:00Z'), artifact('v3'));
    await writer.setAlias('bot', 'production', 'v1');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function reader(hooks: ModelRegistryHooks): Promise<ModelRegistry> {
    const registry = new ModelRegistry(new DirectoryModelStore(dir), 60_000, Date.now, hooks);
    await registry.init();
    return registry;
  }

  it('moves an alias only once beforeAliasesMove has settled: until then the old version answers', async () => {
    const moves: string[][] = [];
    let warming = gate();
    const replica = await reader({
      beforeAliasesMove: async (_modelId, versions) => {
        moves.push([...versions]);
        await warming.promise;
      },
    });
    expect(moves).toEqual([]);
    expect(replica.resolveCached('bot', 'production')).toBe('v1');
    await writer.setAlias('bot', 'production', 'v2');
    const refreshed = replica.refresh('bot');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(moves).toEqual([['v2']]);
    expect(replica.resolveCached('bot', 'production')).toBe('v1');
    warming.open();
    await refreshed;
    expect(replica.resolveCached('bot', 'production')).toBe('v2');
    warming = gate();
    warming.open();
    await replica.refresh('bot');
    expect(moves).toHaveLength(1);
  });

  it('a refresh asked while an older read is under way gets a newer read, never the older one', async () => {
    const warming = gate();
    const replica = await reader({ beforeAliasesMove: () => warming.promise });
    await writer.setAlias('bot', 'production', 'v2');
    const first = replica.refresh('bot');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writer.setAlias('bot', 'production', 'v3');
    const second = replica.refresh('bot');
    const third = replica.refresh('bot');
    expect(third).toBe(second);
    warming.open();
    expect((await first)?.aliases['production']).toBe('v2');
    expect((await second)?.aliases['production']).toBe('v3');
    expect(replica.resolveCached('bot', 'production')).toBe('v3');
  });

  it('reports what exists after each read, and the changes this replica made; the version it adds is not loaded again', async () => {
    const changes: ModelChange[] = [];
    const refreshed: string[][] = [];
    const moves: string[][] = [];
    const replica = await reader({
      beforeAliasesMove: async (_modelId, versions) => void moves.push([...versions]),
      afterRefresh: (_modelId, versions) => refreshed.push([...versions].sort()),
      onChange: (change) => changes.push(change),
    });
    refreshed.length = 0;
    moves.length = 0;
    expect(await replica.addVersion(info('v4', '2024-01-04T00:00:00Z'), artifact('v4'))).toBe(true);
    expect(await replica.addVersion(info('v4', '2024-01-04T00:00:00Z'), artifact('v4'))).toBe(false);
    expect(moves).toEqual([]);
    await replica.setAlias('bot', 'staging', 'v2');
    expect(moves).toEqual([['v2']]);
    await replica.deleteVersion('bot', 'v4');
    expect(moves).toEqual([['v2'], ['v3']]);
    expect(refreshed.at(-1)).toEqual(['v1', 'v2', 'v3']);
    await replica.deleteModel('bot');
    expect(refreshed.at(-1)).toEqual([]);
    expect(changes).toEqual([
      { modelId: 'bot', change: 'version-added', version: 'v4' },
      { modelId: 'bot', change: 'alias-set', version: 'v2', alias: 'staging' },
      { modelId: 'bot', change: 'version-deleted', version: 'v4' },
      { modelId: 'bot', change: 'model-deleted' },
    ]);
  });
});
