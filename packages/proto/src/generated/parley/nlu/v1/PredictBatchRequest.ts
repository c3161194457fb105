// Original file: proto/parley/nlu/v1/nlu.proto


export interface PredictBatchRequest {
  'model'?: (string);
  'ref'?: (string);
  'texts'?: (string)[];
  'scope'?: (string);
  'rankingLimit'?: (number);
}

export interface PredictBatchRequest__Output {
  'model': (string);
  'ref': (string);
  'texts': (string)[];
  'scope': (string);
  'rankingLimit': (number);
}
