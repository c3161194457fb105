// Original file: proto/parley/nlu/v1/nlu.proto

import type { IntentClassifierPrediction as _parley_nlu_v1_IntentClassifierPrediction, IntentClassifierPrediction__Output as _parley_nlu_v1_IntentClassifierPrediction__Output } from '../../../parley/nlu/v1/IntentClassifierPrediction';
import type { PredictStreamError as _parley_nlu_v1_PredictStreamError, PredictStreamError__Output as _parley_nlu_v1_PredictStreamError__Output } from '../../../parley/nlu/v1/PredictStreamError';
import type { Long } from '@grpc/proto-loader';

export interface PredictStreamResponse {
  'id'?: (number | string | Long);
  'prediction'?: (_parley_nlu_v1_IntentClassifierPrediction | null);
  'error'?: (_parley_nlu_v1_PredictStreamError | null);
  'result'?: "prediction"|"error";
}

export interface PredictStreamResponse__Output {
  'id': (number);
  'prediction'?: (_parley_nlu_v1_IntentClassifierPrediction__Output | null);
  'error'?: (_parley_nlu_v1_PredictStreamError__Output | null);
  'result'?: "prediction"|"error";
}
