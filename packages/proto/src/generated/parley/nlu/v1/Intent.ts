// Original file: proto/parley/nlu/v1/nlu.proto

import type { IntentParameter as _parley_nlu_v1_IntentParameter, IntentParameter__Output as _parley_nlu_v1_IntentParameter__Output } from '../../../parley/nlu/v1/IntentParameter';

export interface Intent {
  'name'?: (string);
  'trainingSentences'?: (string)[];
  'parameters'?: (_parley_nlu_v1_IntentParameter)[];
  'description'?: (string);
}

export interface Intent__Output {
  'name': (string);
  'trainingSentences': (string)[];
  'parameters': (_parley_nlu_v1_IntentParameter__Output)[];
  'description': (string);
}
