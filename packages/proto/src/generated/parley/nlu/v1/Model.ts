// Original file: proto/parley/nlu/v1/nlu.proto

import type { ModelVersion as _parley_nlu_v1_ModelVersion, ModelVersion__Output as _parley_nlu_v1_ModelVersion__Output } from '../../../parley/nlu/v1/ModelVersion';
import type { TrainingJob as _parley_nlu_v1_TrainingJob, TrainingJob__Output as _parley_nlu_v1_TrainingJob__Output } from '../../../parley/nlu/v1/TrainingJob';

export interface Model {
  'id'?: (string);
  'versions'?: (_parley_nlu_v1_ModelVersion)[];
  'aliases'?: ({[key: string]: string});
  'activeJobs'?: (_parley_nlu_v1_TrainingJob)[];
}

export interface Model__Output {
  'id': (string);
  'versions': (_parley_nlu_v1_ModelVersion__Output)[];
  'aliases': ({[key: string]: string});
  'activeJobs': (_parley_nlu_v1_TrainingJob__Output)[];
}
