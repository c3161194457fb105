/** The model directory seen by two registries at once, as two replicas sharing it would. */
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParleyError } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelRegistry } from './model-registry';
import { ModelStore, type VersionInfo } from './model-store';

function info(version: string, createdAt: string): VersionInfo {
  return { modelId: 'bot', version, createdAt, trainSeconds: 1, sizeBytes: 3, scopes: ['*'], intents: 2, examples: 6, stats: [], warnings: [] };
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
    replicaA = new ModelRegistry(new ModelStore(dir), 1000, () => clock);
    replicaB = new ModelRegistry(new ModelStore(dir), 1000, () => clock);
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
