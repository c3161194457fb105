// Original file: proto/parley/nlu/v1/nlu.proto


export interface Scope {
  'name'?: (string);
  'intents'?: (string)[];
}

export interface Scope__Output {
  'name': (string);
  'intents': (string)[];
}
