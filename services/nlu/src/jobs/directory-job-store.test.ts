import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryJobStore } from './directory-job-store';
import type { TrainingJob } from './training-job';

function job(id: string, state: TrainingJob['state'], updatedAt: string): TrainingJob {
  return { id, modelId: 'bot', version: 'v1', state, createdAt: updatedAt, updatedAt, aliases: ['production'] };
}

describe('JobStore', () => {
  let dir = '';
  let store: DirectoryJobStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-jobs-'));
    store = new DirectoryJobStore(dir);
    await store.init();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes, reads and lists job records; unknown or unsafe ids read as absent', async () => {
    await store.write(job('a', 'training', '2024-01-01T00:00:00Z'));
    await store.write({ ...job('a', 'done', '2024-01-01T00:01:00Z') });
    expect((await store.read('a'))?.state).toBe('done');
    expect(await store.read('missing')).toBeUndefined();
    expect(await store.read('../escape')).toBeUndefined();
    expect((await store.list()).map((entry) => entry.id)).toEqual(['a']);
  });

  it('carries a cancel request from one replica to the owner through a marker', async () => {
    await store.write(job('a', 'training', '2024-01-01T00:00:00Z'));
    expect(await store.cancelRequested('a')).toBe(false);
    await store.requestCancel('a');
    expect(await store.cancelRequested('a')).toBe(true);
    await store.clearCancel('a');
    expect(await store.cancelRequested('a')).toBe(false);
  });

  it('prunes only finished jobs older than the limit', async () => {
    const now = Date.parse('2024-01-10T00:00:00Z');
    await store.write(job('old-done', 'done', '2024-01-01T00:00:00Z'));
    await store.write(job('old-running', 'training', '2024-01-01T00:00:00Z'));
    await store.write(job('new-done', 'failed', '2024-01-09T23:00:00Z'));
    expect(await store.pruneFinished(24 * 3600 * 1000, now)).toBe(1);
    expect((await store.list()).map((entry) => entry.id).sort()).toEqual(['new-done', 'old-running']);
  });
});
