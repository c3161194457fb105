// Original file: proto/parley/nlu/v1/nlu.proto

import type { LabeledExample as _parley_nlu_v1_LabeledExample, LabeledExample__Output as _parley_nlu_v1_LabeledExample__Output } from '../../../parley/nlu/v1/LabeledExample';

export interface EvaluateRequest {
  'model'?: (string);
  'ref'?: (string);
  'examples'?: (_parley_nlu_v1_LabeledExample)[];
  'oosLabel'?: (string);
  'scope'?: (string);
}

export interface EvaluateRequest__Output {
  'model': (string);
  'ref': (string);
  'examples': (_parley_nlu_v1_LabeledExample__Output)[];
  'oosLabel': (string);
  'scope': (string);
}
