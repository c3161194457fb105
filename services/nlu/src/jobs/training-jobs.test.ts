/** Two TrainingJobs on one model directory, as two replicas: either can answer for, watch and cancel a job. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDefinition } from '@parley/nlu';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelCache } from '../registry/model-cache';
import { ModelRegistry } from '../registry/model-registry';
import { DirectoryModelStore } from '../registry/directory-model-store';
import { InlineTrainer } from './inline-trainer';
import { DirectoryJobStore } from './directory-job-store';
import type { JobStore } from './job-store';
import type { Trainer } from './trainer';
import { GatedTrainer } from '@parley/testkit/nlu-service/gated-trainer';
import { TrainingJobs } from './training-jobs';
import type { TrainingJob } from './training-job';

const definition = parseDefinition({
  name: 'shared',
  intents: [
    { name: 'greet', trainingSentences: ['hello', 'hi there', 'good morning'] },
    { name: 'bye', trainingSentences: ['bye', 'see you later', 'goodbye'] },
  ],
});

async function replica(dir: string, trainer: Trainer, store: JobStore = new DirectoryJobStore(dir)): Promise<TrainingJobs> {
  const registry = new ModelRegistry(new DirectoryModelStore(dir), 0);
  await registry.init();
  await store.init();
  return new TrainingJobs({
    registry,
    cache: new ModelCache(64 * 1024 * 1024),
    kernels: false,
    store,
    trainer,
    maxConcurrent: 1,
    logger: pino({ level: 'silent' }),
    heartbeatMs: 20,
  });
}

describe('TrainingJobs across replicas', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-training-jobs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('another replica reads and watches a job to its end', async () => {
    const trainer = new GatedTrainer();
    const owner = await replica(dir, trainer);
    const other = await replica(dir, new InlineTrainer());
    const job = await owner.start(definition, ['production']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await other.get(job.id)).state).toBe('training');
    expect((await other.active('shared')).map((active) => active.id)).toEqual([job.id]);
    const seen: TrainingJob['state'][] = [];
    const watching = other.watch(job.id, (update) => seen.push(update.state), new AbortController().signal);
    trainer.open();
    const finished = await watching;
    expect(finished.state).toBe('done');
    expect(finished.result).toMatchObject({ modelId: 'shared', reused: false });
    expect(seen[0]).toBe('training');
    expect(seen.at(-1)).toBe('done');
    const again = await other.start(definition, []);
    expect(again.result).toMatchObject({ reused: true, version: job.version });
  });

  it('a cancel asked of another replica reaches the owner, which stops the training', async () => {
    const trainer = new GatedTrainer();
    const owner = await replica(dir, trainer);
    const other = await replica(dir, new InlineTrainer());
    const job = await owner.start(definition, ['production']);
    expect((await other.cancel(job.id)).id).toBe(job.id);
    const ended = await other.watch(job.id, () => undefined, new AbortController().signal);
    expect(ended.state).toBe('canceled');
    expect((await owner.get(job.id)).state).toBe('canceled');
    await expect(other.cancel(job.id)).rejects.toMatchObject({ code: 'JOB_FINISHED' });
  });
});

/** A JobStore whose write of a job's 'training' record waits until the test lets it through (slow storage). */
class HeldJobStore extends DirectoryJobStore {
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  /** Resolves when the 'training' record's write has begun. */
  readonly writingTraining: Promise<void>;
  private began: () => void = () => undefined;

  constructor(dir: string) {
    super(dir);
    this.writingTraining = new Promise((resolve) => (this.began = resolve));
  }

  letThrough(): void {
    this.release();
  }

  override async write(job: TrainingJob): Promise<void> {
    if (job.state === 'training') {
      this.began();
      await this.gate;
    }
    return super.write(job);
  }
}

/** A JobStore on storage slower than the heartbeat: each write takes `writeMs`; it logs the states written. */
class SlowJobStore extends DirectoryJobStore {
  readonly written: TrainingJob['state'][] = [];

  constructor(
    dir: string,
    private readonly writeMs: number,
  ) {
    super(dir);
  }

  override async write(job: TrainingJob): Promise<void> {
    this.written.push(job.state);
    await new Promise((resolve) => setTimeout(resolve, this.writeMs));
    return super.write(job);
  }
}

describe('TrainingJobs in one replica', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-training-jobs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('concurrent starts of one new definition share one job', async () => {
    const jobs = await replica(dir, new InlineTrainer());
    const [first, second] = await Promise.all([jobs.start(definition, []), jobs.start(definition, [])]);
    expect(second.id).toBe(first.id);
    const done = await jobs.watch(first.id, () => undefined, new AbortController().signal);
    expect(done.state).toBe('done');
  });

  it('a cancel that comes while the training record is written ends the job without starting the trainer', async () => {
    let trainings = 0;
    const trainer: Trainer = { train: (...args) => (trainings++, new GatedTrainer().train(...args)) };
    const store = new HeldJobStore(dir);
    const jobs = await replica(dir, trainer, store);
    const job = await jobs.start(definition, []);
    await store.writingTraining;
    const canceling = jobs.cancel(job.id);
    store.letThrough();
    expect((await canceling).state).toBe('canceled');
    expect(trainings).toBe(0);
    expect((await store.read(job.id))?.state).toBe('canceled');
  });

  it('on storage slower than the heartbeat, heartbeats do not pile up ahead of a cancel', async () => {
    const trainer = new GatedTrainer();
    const store = new SlowJobStore(dir, 60); // three heartbeat intervals (20 ms) per write
    const jobs = await replica(dir, trainer, store);
    const job = await jobs.start(definition, []);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const before = store.written.length;
    expect((await jobs.cancel(job.id)).state).toBe('canceled');
    // Written after the cancel: at most the heartbeat then under way, and the canceled record.
    expect(store.written.slice(before).filter((state) => state === 'training').length).toBeLessThanOrEqual(1);
    expect(store.written.at(-1)).toBe('canceled');
  });
});
