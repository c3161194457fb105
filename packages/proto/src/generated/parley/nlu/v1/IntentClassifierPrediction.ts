// Original file: proto/parley/nlu/v1/nlu.proto

import type { MatchedParameter as _parley_nlu_v1_MatchedParameter, MatchedParameter__Output as _parley_nlu_v1_MatchedParameter__Output } from '../../../parley/nlu/v1/MatchedParameter';
import type { IntentScore as _parley_nlu_v1_IntentScore, IntentScore__Output as _parley_nlu_v1_IntentScore__Output } from '../../../parley/nlu/v1/IntentScore';
import type { FallbackReason as _parley_nlu_v1_FallbackReason, FallbackReason__Output as _parley_nlu_v1_FallbackReason__Output } from '../../../parley/nlu/v1/FallbackReason';

export interface IntentClassifierPrediction {
  'intent'?: (string);
  'score'?: (number | string);
  'matchedSentence'?: (string);
  'matchedParameters'?: (_parley_nlu_v1_MatchedParameter)[];
  'ranking'?: (_parley_nlu_v1_IntentScore)[];
  'scope'?: (string);
  'modelVersion'?: (string);
  'fallbackReason'?: (_parley_nlu_v1_FallbackReason);
}

export interface IntentClassifierPrediction__Output {
  'intent': (string);
  'score': (number);
  'matchedSentence': (string);
  'matchedParameters': (_parley_nlu_v1_MatchedParameter__Output)[];
  'ranking': (_parley_nlu_v1_IntentScore__Output)[];
  'scope': (string);
  'modelVersion': (string);
  'fallbackReason': (_parley_nlu_v1_FallbackReason__Output);
}
