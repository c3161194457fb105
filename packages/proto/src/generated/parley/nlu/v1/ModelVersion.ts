// Original file: proto/parley/nlu/v1/nlu.proto

import type { Calibration as _parley_nlu_v1_Calibration, Calibration__Output as _parley_nlu_v1_Calibration__Output } from '../../../parley/nlu/v1/Calibration';
import type { Long } from '@grpc/proto-loader';

export interface ModelVersion {
  'version'?: (string);
  'createdAt'?: (string);
  'scopes'?: (string)[];
  'intents'?: (number);
  'examples'?: (number);
  'sizeBytes'?: (number | string | Long);
  'loaded'?: (boolean);
  'trainSeconds'?: (number | string);
  'engine'?: (string);
  'encoder'?: (string);
  'calibration'?: (_parley_nlu_v1_Calibration | null);
}

export interface ModelVersion__Output {
  'version': (string);
  'createdAt': (string);
  'scopes': (string)[];
  'intents': (number);
  'examples': (number);
  'sizeBytes': (number);
  'loaded': (boolean);
  'trainSeconds': (number);
  'engine': (string);
  'encoder': (string);
  'calibration': (_parley_nlu_v1_Calibration__Output | null);
}
