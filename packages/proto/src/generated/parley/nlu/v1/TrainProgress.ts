// Original file: proto/parley/nlu/v1/nlu.proto

import type { JobState as _parley_nlu_v1_JobState, JobState__Output as _parley_nlu_v1_JobState__Output } from '../../../parley/nlu/v1/JobState';
import type { TrainResult as _parley_nlu_v1_TrainResult, TrainResult__Output as _parley_nlu_v1_TrainResult__Output } from '../../../parley/nlu/v1/TrainResult';

export interface TrainProgress {
  'jobId'?: (string);
  'state'?: (_parley_nlu_v1_JobState);
  'scope'?: (string);
  'epoch'?: (number);
  'epochs'?: (number);
  'loss'?: (number | string);
  'accuracy'?: (number | string);
  'result'?: (_parley_nlu_v1_TrainResult | null);
  'error'?: (string);
  'queuePosition'?: (number);
}

export interface TrainProgress__Output {
  'jobId': (string);
  'state': (_parley_nlu_v1_JobState__Output);
  'scope': (string);
  'epoch': (number);
  'epochs': (number);
  'loss': (number);
  'accuracy': (number);
  'result': (_parley_nlu_v1_TrainResult__Output | null);
  'error': (string);
  'queuePosition': (number);
}
