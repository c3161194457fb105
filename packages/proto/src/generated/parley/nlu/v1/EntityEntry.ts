// Original file: proto/parley/nlu/v1/nlu.proto


export interface EntityEntry {
  'value'?: (string);
  'synonyms'?: (string)[];
}

export interface EntityEntry__Output {
  'value': (string);
  'synonyms': (string)[];
}
