// Original file: proto/parley/nlu/v1/nlu.proto


export interface SetAliasRequest {
  'model'?: (string);
  'alias'?: (string);
  'version'?: (string);
}

export interface SetAliasRequest__Output {
  'model': (string);
  'alias': (string);
  'version': (string);
}
