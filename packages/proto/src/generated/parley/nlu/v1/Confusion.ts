// Original file: proto/parley/nlu/v1/nlu.proto


export interface Confusion {
  'expected'?: (string);
  'predicted'?: (string);
  'count'?: (number);
}

export interface Confusion__Output {
  'expected': (string);
  'predicted': (string);
  'count': (number);
}
