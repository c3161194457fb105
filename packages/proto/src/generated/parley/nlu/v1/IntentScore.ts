// Original file: proto/parley/nlu/v1/nlu.proto


export interface IntentScore {
  'intent'?: (string);
  'score'?: (number | string);
}

export interface IntentScore__Output {
  'intent': (string);
  'score': (number);
}
