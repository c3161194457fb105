// Original file: proto/parley/nlu/v1/nlu.proto


export interface DeleteModelRequest {
  'model'?: (string);
  'version'?: (string);
}

export interface DeleteModelRequest__Output {
  'model': (string);
  'version': (string);
}
