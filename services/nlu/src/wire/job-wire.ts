/** Training jobs, their progress and results on the wire ↔ domain. */
import { trainProgressFromWire, trainProgressToWire, type nluV1 } from '@parley/proto';
import { NO_ENCODER } from '@parley/nlu';
import type { JobState, TrainingJob, TrainResult } from '../jobs/training-job';
import { calibrationFromWire, calibrationToWire } from './calibration-wire';

const JOB_STATES: Record<JobState, nluV1.JobState__Output> = {
  queued: 'JOB_STATE_QUEUED',
  pending: 'JOB_STATE_PENDING',
  training: 'JOB_STATE_TRAINING',
  done: 'JOB_STATE_DONE',
  failed: 'JOB_STATE_FAILED',
  canceled: 'JOB_STATE_CANCELED',
};

const JOB_STATE_OF = Object.fromEntries(Object.entries(JOB_STATES).map(([state, wire]) => [wire, state])) as Record<
  nluV1.JobState__Output,
  JobState | undefined
>;

function resultToWire(result: TrainResult): nluV1.TrainResult {
  return {
    modelId: result.modelId,
    version: result.version,
    reused: result.reused,
    scopeStats: result.scopeStats,
    warnings: result.warnings,
    trainSeconds: result.trainSeconds,
    encoder: result.encoder,
    calibration: result.calibration ? calibrationToWire(result.calibration) : null,
  };
}

/** One TrainProgress message: the latest progress, plus the result or error once the job has ended. */
export function progressToWire(job: TrainingJob): nluV1.TrainProgress {
  return {
    jobId: job.id,
    state: JOB_STATES[job.state],
    ...trainProgressToWire(job.progress),
    ...(job.result ? { result: resultToWire(job.result) } : {}),
    ...(job.state === 'failed' || job.state === 'canceled' ? { error: job.error ?? '' } : {}),
    queuePosition: job.queuePosition ?? 0,
  };
}

export function jobToWire(job: TrainingJob): nluV1.TrainingJob {
  return {
    id: job.id,
    modelId: job.modelId,
    version: job.version,
    state: JOB_STATES[job.state],
    error: job.error ?? '',
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    progress: job.progress ? progressToWire(job) : null,
    result: job.result ? resultToWire(job.result) : null,
    queuePosition: job.queuePosition ?? 0,
  };
}

function resultFromWire(wire: nluV1.TrainResult__Output): TrainResult {
  return {
    modelId: wire.modelId,
    version: wire.version,
    reused: wire.reused,
    scopeStats: wire.scopeStats.map(({ scope, intents, examples, trainAccuracy }) => ({ scope, intents, examples, trainAccuracy })),
    warnings: wire.warnings,
    trainSeconds: wire.trainSeconds,
    encoder: wire.encoder === '' ? NO_ENCODER : wire.encoder,
    ...(wire.calibration ? { calibration: calibrationFromWire(wire.calibration) } : {}),
  };
}

/** The job a client sees: from a TrainingJob, or from a TrainProgress message applied to the job it belongs to. */
export function jobFromWire(wire: nluV1.TrainingJob__Output): TrainingJob {
  const progress = wire.progress && trainProgressFromWire(wire.progress);
  return {
    id: wire.id,
    modelId: wire.modelId,
    version: wire.version,
    state: JOB_STATE_OF[wire.state] ?? 'pending',
    ...(wire.error === '' ? {} : { error: wire.error }),
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt,
    ...(progress ? { progress } : {}),
    ...(wire.result ? { result: resultFromWire(wire.result) } : {}),
    ...(wire.queuePosition > 0 ? { queuePosition: wire.queuePosition } : {}),
    aliases: [],
  };
}

/** Applies one TrainProgress message (WatchJob, Train) to the job it belongs to. */
export function applyProgressFromWire(job: TrainingJob, message: nluV1.TrainProgress__Output): TrainingJob {
  return jobFromWire({
    ...jobToWireOutput(job),
    state: message.state,
    error: message.error,
    progress: message,
    result: message.result,
    queuePosition: message.queuePosition,
  });
}

function jobToWireOutput(job: TrainingJob): nluV1.TrainingJob__Output {
  return { ...(jobToWire(job) as nluV1.TrainingJob__Output), error: job.error ?? '', progress: null, result: null };
}
