/**
 * A training job as the service keeps it: state machine (queued →) pending → training → done | failed | canceled;
 * a queued job waits for a training slot.
 */
import { randomUUID } from 'node:crypto';
import type { TrainProgressEvent } from '@parley/domain';
import type { Calibration, ScopeStats } from '@parley/nlu';

export type JobState = 'queued' | 'pending' | 'training' | 'done' | 'failed' | 'canceled';

export interface TrainResult {
  modelId: string;
  version: string;
  /** An identical definition (config and seed included) was already trained: nothing was trained. */
  reused: boolean;
  scopeStats: ScopeStats[];
  warnings: string[];
  trainSeconds: number;
  /** The sentence encoder the version uses, or "none". */
  encoder: string;
  calibration?: Calibration;
}

export interface TrainingJob {
  id: string;
  modelId: string;
  version: string;
  state: JobState;
  /** Set when failed or canceled. */
  error?: string;
  createdAt: string;
  /** Also a heartbeat: a running job's owner rewrites it every few seconds. */
  updatedAt: string;
  progress?: TrainProgressEvent;
  /** While queued: 1 = next to get a slot. */
  queuePosition?: number;
  result?: TrainResult;
  /** Aliases to point at the version when the job is done. */
  aliases: string[];
}

export function isFinished(job: TrainingJob): boolean {
  return job.state === 'done' || job.state === 'failed' || job.state === 'canceled';
}

/** A running job's owner rewrites its record every few seconds; silence this long means the owner is gone. */
const ABANDONED_AFTER_MS = 30_000;

export function newJob(modelId: string, version: string, state: TrainingJob['state'], aliases: readonly string[]): TrainingJob {
  const now = new Date().toISOString();
  return { id: randomUUID(), modelId, version, state, createdAt: now, updatedAt: now, aliases: [...aliases] };
}

/** A job whose record has not moved for ABANDONED_AFTER_MS belongs to a replica that stopped. */
export function abandonedOrSelf(job: TrainingJob): TrainingJob {
  if (isFinished(job) || Date.now() - Date.parse(job.updatedAt) < ABANDONED_AFTER_MS) return job;
  return { ...job, state: 'failed', error: 'abandoned: the service running this job stopped before it ended' };
}
