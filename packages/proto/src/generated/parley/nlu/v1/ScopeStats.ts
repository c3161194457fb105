// Original file: proto/parley/nlu/v1/nlu.proto


export interface ScopeStats {
  'scope'?: (string);
  'intents'?: (number);
  'examples'?: (number);
  'trainAccuracy'?: (number | string);
}

export interface ScopeStats__Output {
  'scope': (string);
  'intents': (number);
  'examples': (number);
  'trainAccuracy': (number);
}
