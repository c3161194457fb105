// Original file: proto/parley/nlu/v1/nlu.proto

import type { JobState as _parley_nlu_v1_JobState, JobState__Output as _parley_nlu_v1_JobState__Output } from '../../../parley/nlu/v1/JobState';
import type { TrainProgress as _parley_nlu_v1_TrainProgress, TrainProgress__Output as _parley_nlu_v1_TrainProgress__Output } from '../../../parley/nlu/v1/TrainProgress';
import type { TrainResult as _parley_nlu_v1_TrainResult, TrainResult__Output as _parley_nlu_v1_TrainResult__Output } from '../../../parley/nlu/v1/TrainResult';

export interface TrainingJob {
  'id'?: (string);
  'modelId'?: (string);
  'version'?: (string);
  'state'?: (_parley_nlu_v1_JobState);
  'error'?: (string);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'progress'?: (_parley_nlu_v1_TrainProgress | null);
  'result'?: (_parley_nlu_v1_TrainResult | null);
  'queuePosition'?: (number);
}

export interface TrainingJob__Output {
  'id': (string);
  'modelId': (string);
  'version': (string);
  'state': (_parley_nlu_v1_JobState__Output);
  'error': (string);
  'createdAt': (string);
  'updatedAt': (string);
  'progress': (_parley_nlu_v1_TrainProgress__Output | null);
  'result': (_parley_nlu_v1_TrainResult__Output | null);
  'queuePosition': (number);
}
