// Original file: proto/parley/nlu/v1/nlu.proto


export interface PredictRequest {
  'model'?: (string);
  'ref'?: (string);
  'text'?: (string);
  'scope'?: (string);
  'rankingLimit'?: (number);
}

export interface PredictRequest__Output {
  'model': (string);
  'ref': (string);
  'text': (string);
  'scope': (string);
  'rankingLimit': (number);
}
