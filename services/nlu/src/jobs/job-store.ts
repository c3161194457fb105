/**
 * Where training jobs are recorded, beside the models (the same PARLEY_MODEL_STORE), so that any replica can answer
 * for, watch and ask to cancel any job: a cancel asked of another replica is a flag its owner polls. A directory
 * and PostgreSQL keep this one contract (model-store.contract.ts).
 */
import type { TrainingJob } from './training-job';

export const JOB_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export interface JobStore {
  init(): Promise<void>;
  /** Creates or replaces the job's record; a pending cancel request stays. */
  write(job: TrainingJob): Promise<void>;
  /** Unknown or malformed ids read as absent. */
  read(id: string): Promise<TrainingJob | undefined>;
  list(): Promise<TrainingJob[]>;
  requestCancel(id: string): Promise<void>;
  cancelRequested(id: string): Promise<boolean>;
  clearCancel(id: string): Promise<void>;
  /** Drops the records of jobs that ended more than `maxAgeMs` ago; returns how many. */
  pruneFinished(maxAgeMs: number, now?: number): Promise<number>;
  remove(id: string): Promise<void>;
}
