// Original file: proto/parley/nlu/v1/nlu.proto

import type { IntentClassifierPrediction as _parley_nlu_v1_IntentClassifierPrediction, IntentClassifierPrediction__Output as _parley_nlu_v1_IntentClassifierPrediction__Output } from '../../../parley/nlu/v1/IntentClassifierPrediction';

export interface PredictBatchResponse {
  'predictions'?: (_parley_nlu_v1_IntentClassifierPrediction)[];
}

export interface PredictBatchResponse__Output {
  'predictions': (_parley_nlu_v1_IntentClassifierPrediction__Output)[];
}
