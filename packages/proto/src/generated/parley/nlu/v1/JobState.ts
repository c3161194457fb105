// Original file: proto/parley/nlu/v1/nlu.proto

export const JobState = {
  JOB_STATE_UNSPECIFIED: 'JOB_STATE_UNSPECIFIED',
  JOB_STATE_PENDING: 'JOB_STATE_PENDING',
  JOB_STATE_TRAINING: 'JOB_STATE_TRAINING',
  JOB_STATE_DONE: 'JOB_STATE_DONE',
  JOB_STATE_FAILED: 'JOB_STATE_FAILED',
  JOB_STATE_CANCELED: 'JOB_STATE_CANCELED',
  JOB_STATE_QUEUED: 'JOB_STATE_QUEUED',
} as const;

export type JobState =
  | 'JOB_STATE_UNSPECIFIED'
  | 0
  | 'JOB_STATE_PENDING'
  | 1
  | 'JOB_STATE_TRAINING'
  | 2
  | 'JOB_STATE_DONE'
  | 3
  | 'JOB_STATE_FAILED'
  | 4
  | 'JOB_STATE_CANCELED'
  | 5
  | 'JOB_STATE_QUEUED'
  | 6

export type JobState__Output = typeof JobState[keyof typeof JobState]
