/**
 * Assembles the NLU use cases over a model store: registry, memory cache, training jobs and NluService.
 * The gRPC server and the CLI's `--local` mode share it, so both train, reuse and store models the same way.
 */
import { loadClassifierKernels, type SentenceEncoder } from '@parley/nlu';
import type { Logger } from 'pino';
import type { Trainer } from '../jobs/trainer';
import { TrainingJobs } from '../jobs/training-jobs';
import type { NluMetrics } from '../metrics/nlu-metrics';
import { ModelCache } from '../registry/model-cache';
import type { ModelChange } from '../registry/model-change';
import { ModelRegistry } from '../registry/model-registry';
import { ModelSwap } from '../registry/model-swap';
import { openModelStore, type ModelStoreLocation } from '../registry/open-model-store';
import { NluService, type NluServiceLimits } from './nlu-service';

/** Finished job records are kept a week: long enough to look back, short enough to keep scans cheap. */
const FINISHED_JOBS_KEPT_MS = 7 * 24 * 3600 * 1000;

export interface NluCoreOptions {
  modelStore: ModelStoreLocation;
  modelMemoryBytes: number;
  maxConcurrentTrainings: number;
  maxQueuedTrainings: number;
  registryRefreshMs: number;
  limits: NluServiceLimits;
  trainer: Trainer;
  /** Compile the classifier kernels first (a runtime that cannot run them fails here, not later). */
  kernels: boolean;
  metrics: NluMetrics;
  logger: Logger;
  /** The sentence encoder this process runs, for training and serving; undefined: none. */
  encoder?: SentenceEncoder | undefined;
  /** Called after this process changed the model store (ModelEvents announces it). */
  onModelChange?: (change: ModelChange) => void;
}

export interface NluCore {
  service: NluService;
  jobs: TrainingJobs;
  cache: ModelCache;
  registry: ModelRegistry;
  /** Closes the model store's connections (after the jobs have ended). */
  close(): Promise<void>;
}

export async function createNluCore(options: NluCoreOptions): Promise<NluCore> {
  const { metrics, logger } = options;
  if (options.kernels) await loadClassifierKernels();
  const { models: store, jobs: jobStore } = openModelStore(options.modelStore);
  const cache = new ModelCache(options.modelMemoryBytes, {
    onResident: (modelId, version, bytes) => metrics.setModelMemory(modelId, version, bytes),
  });
  const swap = new ModelSwap(store, cache, logger, options.kernels);
  const registry = new ModelRegistry(store, options.registryRefreshMs, Date.now, {
    beforeAliasesMove: (modelId, versions) => swap.beforeAliasesMove(modelId, versions),
    afterRefresh: (modelId, versions) => swap.afterRefresh(modelId, versions),
    onChange: options.onModelChange,
  });
  try {
    await registry.init();
    await jobStore.init();
    await jobStore.pruneFinished(FINISHED_JOBS_KEPT_MS);
  } catch (error) {
    await store.close();
    throw error;
  }
  const jobs = new TrainingJobs({
    registry,
    cache,
    store: jobStore,
    trainer: options.trainer,
    logger,
    maxConcurrent: options.maxConcurrentTrainings,
    maxQueued: options.maxQueuedTrainings,
    maxTrainingSeconds: options.limits.trainingLimits.maxSeconds,
    kernels: options.kernels,
    encoder: options.encoder,
    onFinished: (job) => metrics.observeTraining(job.state),
  });
  const service = new NluService({
    registry,
    cache,
    jobs,
    metrics,
    logger,
    limits: options.limits,
    kernels: options.kernels,
    encoder: options.encoder,
  });
  return { service, jobs, cache, registry, close: () => store.close() };
}
