/** A training job as the service keeps it: state machine pending → training → done | failed | canceled. */
import type { ScopeStats, TrainProgressEvent } from '@parley/nlu';

export type JobState = 'pending' | 'training' | 'done' | 'failed' | 'canceled';

export interface TrainResult {
  modelId: string;
  version: string;
  /** An identical definition (config and seed included) was already trained: nothing was trained. */
  reused: boolean;
  scopeStats: ScopeStats[];
  warnings: string[];
  trainSeconds: number;
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
  result?: TrainResult;
  /** Aliases to point at the version when the job is done. */
  aliases: string[];
}

export function isFinished(job: TrainingJob): boolean {
  return job.state === 'done' || job.state === 'failed' || job.state === 'canceled';
}
