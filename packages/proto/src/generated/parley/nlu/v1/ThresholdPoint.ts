// Original file: proto/parley/nlu/v1/nlu.proto


export interface ThresholdPoint {
  'threshold'?: (number | string);
  'inScopeAccuracy'?: (number | string);
  'oosRecall'?: (number | string);
  '_oosRecall'?: "oosRecall";
}

export interface ThresholdPoint__Output {
  'threshold': (number);
  'inScopeAccuracy': (number);
  'oosRecall'?: (number);
  '_oosRecall'?: "oosRecall";
}
