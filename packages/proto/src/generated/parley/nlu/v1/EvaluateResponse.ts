// Original file: proto/parley/nlu/v1/nlu.proto

import type { IntentMetrics as _parley_nlu_v1_IntentMetrics, IntentMetrics__Output as _parley_nlu_v1_IntentMetrics__Output } from '../../../parley/nlu/v1/IntentMetrics';
import type { Confusion as _parley_nlu_v1_Confusion, Confusion__Output as _parley_nlu_v1_Confusion__Output } from '../../../parley/nlu/v1/Confusion';
import type { ThresholdPoint as _parley_nlu_v1_ThresholdPoint, ThresholdPoint__Output as _parley_nlu_v1_ThresholdPoint__Output } from '../../../parley/nlu/v1/ThresholdPoint';

export interface EvaluateResponse {
  'top1Accuracy'?: (number | string);
  'inScopeAccuracy'?: (number | string);
  'oosRecall'?: (number | string);
  'threshold'?: (number | string);
  'perIntent'?: (_parley_nlu_v1_IntentMetrics)[];
  'confusions'?: (_parley_nlu_v1_Confusion)[];
  'thresholdSweep'?: (_parley_nlu_v1_ThresholdPoint)[];
  'examples'?: (number);
  '_oosRecall'?: "oosRecall";
}

export interface EvaluateResponse__Output {
  'top1Accuracy': (number);
  'inScopeAccuracy': (number);
  'oosRecall'?: (number);
  'threshold': (number);
  'perIntent': (_parley_nlu_v1_IntentMetrics__Output)[];
  'confusions': (_parley_nlu_v1_Confusion__Output)[];
  'thresholdSweep': (_parley_nlu_v1_ThresholdPoint__Output)[];
  'examples': (number);
  '_oosRecall'?: "oosRecall";
}
