// Original file: proto/parley/nlu/v1/nlu.proto


export interface LabeledExample {
  'text'?: (string);
  'intent'?: (string);
}

export interface LabeledExample__Output {
  'text': (string);
  'intent': (string);
}
