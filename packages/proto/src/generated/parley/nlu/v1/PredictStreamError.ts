// Original file: proto/parley/nlu/v1/nlu.proto


export interface PredictStreamError {
  'code'?: (number);
  'details'?: (string);
  'errorCode'?: (string);
  'field'?: (string);
}

export interface PredictStreamError__Output {
  'code': (number);
  'details': (string);
  'errorCode': (string);
  'field': (string);
}
