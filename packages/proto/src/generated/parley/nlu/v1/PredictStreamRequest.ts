// Original file: proto/parley/nlu/v1/nlu.proto

import type { PredictRequest as _parley_nlu_v1_PredictRequest, PredictRequest__Output as _parley_nlu_v1_PredictRequest__Output } from '../../../parley/nlu/v1/PredictRequest';
import type { Long } from '@grpc/proto-loader';

export interface PredictStreamRequest {
  'id'?: (number | string | Long);
  'request'?: (_parley_nlu_v1_PredictRequest | null);
  'requestId'?: (string);
}

export interface PredictStreamRequest__Output {
  'id': (number);
  'request': (_parley_nlu_v1_PredictRequest__Output | null);
  'requestId': (string);
}
