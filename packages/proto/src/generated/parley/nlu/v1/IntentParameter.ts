// Original file: proto/parley/nlu/v1/nlu.proto


export interface IntentParameter {
  'name'?: (string);
  'fragment'?: (string);
  'entity'?: (string);
}

export interface IntentParameter__Output {
  'name': (string);
  'fragment': (string);
  'entity': (string);
}
