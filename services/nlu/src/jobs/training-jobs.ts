/**
 * Runs training jobs: reuses an identical version at once, runs at most a few trainings at once with the others
 * waiting in a bounded queue (TrainingQueue), stops a training that runs past its time, streams progress, stores
 * each finished version in the registry, points its aliases at it and serves it from memory.
 * Job records live in the JobStore so other replicas can read (and ask to cancel) them.
 */
import { EventEmitter } from 'node:events';
import { ParleyError, type BotDefinition } from '@parley/domain';
import { encoderIdentityFor, lintDefinition, loadModel, modelVersionOf, type NluModel, type SentenceEncoder } from '@parley/nlu';
import type { Logger } from 'pino';
import type { ModelCache } from '../registry/model-cache';
import type { ModelRegistry } from '../registry/model-registry';
import type { JobStore } from './job-store';
import type { Trainer } from './trainer';
import { abandonedOrSelf, isFinished, newJob, type TrainingJob } from './training-job';
import { TrainingQueue } from './training-queue';
import { resultOf, versionInfoOf } from './training-result';

export interface TrainingJobsOptions {
  registry: ModelRegistry;
  cache: ModelCache;
  store: JobStore;
  trainer: Trainer;
  maxConcurrent: number;
  /** Trainings that may wait for a slot; default 0 (none: a busy service refuses). */
  maxQueued?: number;
  /** How long a job may train before it is stopped and fails; default no limit. */
  maxTrainingSeconds?: number;
  /** Serve trained versions with the classifier kernels (PARLEY_NLU_KERNELS). */
  kernels: boolean;
  /** The sentence encoder trainings may use (a definition's config.encoder decides); undefined: none. */
  encoder?: SentenceEncoder | undefined;
  logger: Logger;
  /** How often a running job rewrites its record (heartbeat) and looks for a cancel marker. */
  heartbeatMs?: number;
  /** Called once per job that ran (not for reused versions), with its final state. */
  onFinished?: (job: TrainingJob) => void;
}

const REMOTE_POLL_MS = 250;

interface LiveJob {
  job: TrainingJob;
  events: EventEmitter;
  abort: AbortController;
  finished: Promise<TrainingJob>;
  /** The tail of this job's queue of record writes. */
  persisted: Promise<void>;
  /** A heartbeat is under way: the next one is skipped rather than queued behind it. */
  beating: boolean;
  /** Stopped for running past maxTrainingSeconds (rather than canceled). */
  timedOut?: boolean;
}

export class TrainingJobs {
  private readonly live = new Map<string, LiveJob>();
  private readonly heartbeatMs: number;
  private readonly queue: TrainingQueue;

  constructor(private readonly options: TrainingJobsOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 2000;
    this.queue = new TrainingQueue(options.maxConcurrent, options.maxQueued ?? 0, (id, position) => this.moved(id, position));
  }

  /** Starts training `definition` (already validated), or answers at once when that version exists. */
  async start(definition: BotDefinition, aliases: readonly string[]): Promise<TrainingJob> {
    const { registry } = this.options;
    // Throws ENCODER_UNAVAILABLE for a definition that demands an encoder this process does not run.
    const version = modelVersionOf(definition, encoderIdentityFor(definition, this.options.encoder));
    if (await registry.hasVersion(definition.name, version)) return this.reuse(definition, version, aliases);
    const running = [...this.live.values()].find((live) => live.job.modelId === definition.name && live.job.version === version);
    if (running) return { ...running.job };
    const job = newJob(definition.name, version, 'pending', aliases);
    // Taken in the same tick as the check above, so a concurrent start of this version finds this job.
    const ticket = this.queue.enter(job.id);
    if (ticket.position > 0) Object.assign(job, { state: 'queued', queuePosition: ticket.position });
    const live: LiveJob = {
      job,
      events: new EventEmitter(),
      abort: new AbortController(),
      finished: Promise.resolve(job),
      persisted: Promise.resolve(),
      beating: false,
    };
    // Registered before the first await, so a concurrent start of the same version finds this job.
    this.live.set(job.id, live);
    try {
      await this.update(live, {});
    } catch (error) {
      this.live.delete(job.id);
      if (!this.queue.withdraw(job.id)) this.queue.release();
      throw error;
    }
    live.finished = this.run(live, definition, ticket.position === 0 ? undefined : ticket.turn);
    return { ...job };
  }

  /** A queued job's place changed: its record and watchers learn the new position. */
  private moved(id: string, position: number): void {
    const live = this.live.get(id);
    if (!live || live.job.state !== 'queued') return;
    this.update(live, { queuePosition: position }).catch((error: unknown) =>
      this.options.logger.warn({ err: error, jobId: id }, 'cannot record the queue position'),
    );
  }

  /**
   * Waits for the slot of a queued job; a cancel meanwhile gives its place up and rejects with CANCELED. Resolves
   * once the job holds a slot (also when the cancel came after the grant: training then stops at once).
   */
  private waitForSlot(live: LiveJob, turn: Promise<void>): Promise<void> {
    const { signal } = live.abort;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.queue.withdraw(live.job.id)) reject(new ParleyError('CANCELED', 'training was canceled while queued'));
        else resolve();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      void turn.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  private async reuse(definition: BotDefinition, version: string, aliases: readonly string[]): Promise<TrainingJob> {
    const info = await this.options.registry.versionInfo(definition.name, version);
    for (const alias of aliases) await this.options.registry.setAlias(definition.name, alias, version);
    const job = newJob(definition.name, version, 'done', aliases);
    job.result = resultOf(info, definition, version, true);
    await this.options.store.write(job);
    return job;
  }

  /** `turn`: settles when a queued job gets its slot; undefined when it holds one already. */
  private async run(live: LiveJob, definition: BotDefinition, turn: Promise<void> | undefined): Promise<TrainingJob> {
    const { job } = live;
    // Queued jobs beat too, so other replicas never take a long wait for an abandoned job.
    const heartbeat = setInterval(() => void this.beat(live), this.heartbeatMs);
    let holdsSlot = turn === undefined;
    let stopAt: NodeJS.Timeout | undefined;
    try {
      if (turn) {
        await this.waitForSlot(live, turn);
        holdsSlot = true;
      }
      delete job.queuePosition;
      await this.update(live, { state: 'training' });
      // Canceled while its record was written: no trainer need start only to stop.
      if (live.abort.signal.aborted) throw new ParleyError('CANCELED', 'training was canceled');
      const { maxTrainingSeconds } = this.options;
      // setTimeout takes at most 2^31 - 1 ms (24.8 days); a longer limit is no limit.
      if (maxTrainingSeconds !== undefined && maxTrainingSeconds * 1000 < 2 ** 31) {
        stopAt = setTimeout(() => {
          live.timedOut = true;
          live.abort.abort();
        }, maxTrainingSeconds * 1000);
      }
      const artifact = await this.options.trainer.train(definition, {
        signal: live.abort.signal,
        encoder: this.options.encoder,
        onProgress: (event) => {
          job.progress = event;
          live.events.emit('update', { ...job });
        },
      });
      const model = loadModel(artifact, { kernels: this.options.kernels });
      if (model.version !== job.version) throw new Error(`trained version ${model.version} differs from the expected ${job.version}`);
      const info = versionInfoOf(model, job.modelId, lintDefinition(definition));
      await this.options.registry.addVersion(info, artifact);
      this.serve(model, job.modelId);
      for (const alias of job.aliases) await this.options.registry.setAlias(job.modelId, alias, job.version);
      await this.update(live, { state: 'done', result: resultOf(info, definition, job.version, false) });
    } catch (error) {
      // Recording the failure must not fail in turn: nobody awaits this promise but watchers and cancel.
      await this.fail(live, error).catch((failure: unknown) =>
        this.options.logger.error({ err: failure, jobId: job.id }, 'cannot record the job end'),
      );
    } finally {
      clearTimeout(stopAt);
      clearInterval(heartbeat);
      if (holdsSlot) this.queue.release();
      this.live.delete(job.id);
      await this.options.store.clearCancel(job.id).catch(() => undefined);
      live.events.emit('end', { ...job });
      this.options.onFinished?.({ ...job });
    }
    return { ...job };
  }

  /** A version too large for the memory cap is still saved; Predict will then answer MODEL_TOO_LARGE. */
  private serve(model: NluModel, modelId: string): void {
    try {
      this.options.cache.put(modelId, model.version, model);
    } catch (error) {
      this.options.logger.warn({ err: error, modelId }, 'trained model not kept in memory');
    }
  }

  private async fail(live: LiveJob, error: unknown): Promise<void> {
    if (live.timedOut) {
      const limit = this.options.maxTrainingSeconds ?? 0;
      const message = `training was stopped after ${limit} s, the longest a job may train (PARLEY_MAX_TRAINING_SECONDS)`;
      this.options.logger.warn({ jobId: live.job.id, modelId: live.job.modelId, limitSeconds: limit }, 'training stopped: too long');
      await this.update(live, { state: 'failed', error: message });
      return;
    }
    if (error instanceof ParleyError && error.code === 'CANCELED') {
      await this.update(live, { state: 'canceled', error: error.message });
      return;
    }
    const message = error instanceof ParleyError ? error.message : 'internal error while training (see the service log)';
    this.options.logger.error({ err: error, jobId: live.job.id, modelId: live.job.modelId }, 'training failed');
    await this.update(live, { state: 'failed', error: message });
  }

  /**
   * Records a change. Writes of one job are queued, so a heartbeat's write can never land after (and undo) the
   * final state.
   */
  private async update(live: LiveJob, patch: Partial<TrainingJob>): Promise<void> {
    Object.assign(live.job, patch, { updatedAt: new Date().toISOString() });
    live.events.emit('update', { ...live.job });
    const snapshot = { ...live.job };
    const write = live.persisted.then(() => this.options.store.write(snapshot));
    live.persisted = write.catch(() => undefined);
    await write;
  }

  /**
   * One heartbeat at a time: on storage slower than the interval, queued heartbeats would pile up ahead of the
   * job's final write, and a cancel (which answers once that write is done) would wait for all of them.
   */
  private async beat(live: LiveJob): Promise<void> {
    if (live.beating) return;
    live.beating = true;
    try {
      if (await this.options.store.cancelRequested(live.job.id)) live.abort.abort();
      if (!isFinished(live.job)) await this.update(live, {});
    } catch (error) {
      this.options.logger.warn({ err: error, jobId: live.job.id }, 'job heartbeat failed');
    } finally {
      live.beating = false;
    }
  }

  async get(jobId: string): Promise<TrainingJob> {
    const live = this.live.get(jobId);
    if (live) return { ...live.job };
    const stored = await this.options.store.read(jobId);
    if (!stored) throw new ParleyError('JOB_NOT_FOUND', `job_id: no training job "${jobId}"`, { field: 'job_id' });
    return abandonedOrSelf(stored);
  }

  /** Calls `onUpdate` with the job now and on every change; resolves with the finished job. */
  async watch(jobId: string, onUpdate: (job: TrainingJob) => void, signal: AbortSignal): Promise<TrainingJob> {
    const live = this.live.get(jobId);
    if (!live) return this.watchStored(jobId, onUpdate, signal);
    onUpdate({ ...live.job });
    return new Promise<TrainingJob>((resolve) => {
      const stop = (job: TrainingJob): void => {
        live.events.off('update', onUpdate);
        live.events.off('end', stop);
        signal.removeEventListener('abort', onAbort);
        resolve(job);
      };
      const onAbort = (): void => stop({ ...live.job });
      live.events.on('update', onUpdate);
      live.events.on('end', stop);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A job of another replica (or a finished one): follow its record on disk. */
  private async watchStored(jobId: string, onUpdate: (job: TrainingJob) => void, signal: AbortSignal): Promise<TrainingJob> {
    let job = await this.get(jobId);
    onUpdate(job);
    while (!isFinished(job) && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, REMOTE_POLL_MS));
      const next = this.live.has(jobId) ? await this.get(jobId) : abandonedOrSelf((await this.options.store.read(jobId)) ?? job);
      if (next.updatedAt !== job.updatedAt || next.state !== job.state) onUpdate(next);
      job = next;
    }
    return job;
  }

  async cancel(jobId: string): Promise<TrainingJob> {
    const live = this.live.get(jobId);
    if (live) {
      live.abort.abort();
      return live.finished;
    }
    const job = await this.get(jobId);
    if (isFinished(job))
      throw new ParleyError('JOB_FINISHED', `job_id: job "${jobId}" has already ended (${job.state})`, { field: 'job_id' });
    await this.options.store.requestCancel(jobId);
    return job;
  }

  /** Queued, pending or running jobs of a model, in this replica or another. */
  async active(modelId: string): Promise<TrainingJob[]> {
    const local = [...this.live.values()].filter((live) => live.job.modelId === modelId).map((live) => ({ ...live.job }));
    const stored = (await this.options.store.list())
      .filter((job) => job.modelId === modelId && !this.live.has(job.id))
      .map(abandonedOrSelf)
      .filter((job) => !isFinished(job));
    return [...local, ...stored];
  }

  get runningCount(): number {
    return this.queue.runningCount;
  }

  /** Cancels every running and queued job and waits until each has recorded its end. */
  async close(): Promise<void> {
    const running = [...this.live.values()];
    for (const live of running) live.abort.abort();
    await Promise.all(running.map((live) => live.finished));
  }
}
