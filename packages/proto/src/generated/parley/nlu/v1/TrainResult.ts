// Original file: proto/parley/nlu/v1/nlu.proto

import type { ScopeStats as _parley_nlu_v1_ScopeStats, ScopeStats__Output as _parley_nlu_v1_ScopeStats__Output } from '../../../parley/nlu/v1/ScopeStats';
import type { Calibration as _parley_nlu_v1_Calibration, Calibration__Output as _parley_nlu_v1_Calibration__Output } from '../../../parley/nlu/v1/Calibration';

export interface TrainResult {
  'modelId'?: (string);
  'version'?: (string);
  'reused'?: (boolean);
  'scopeStats'?: (_parley_nlu_v1_ScopeStats)[];
  'warnings'?: (string)[];
  'trainSeconds'?: (number | string);
  'encoder'?: (string);
  'calibration'?: (_parley_nlu_v1_Calibration | null);
}

export interface TrainResult__Output {
  'modelId': (string);
  'version': (string);
  'reused': (boolean);
  'scopeStats': (_parley_nlu_v1_ScopeStats__Output)[];
  'warnings': (string)[];
  'trainSeconds': (number);
  'encoder': (string);
  'calibration': (_parley_nlu_v1_Calibration__Output | null);
}
