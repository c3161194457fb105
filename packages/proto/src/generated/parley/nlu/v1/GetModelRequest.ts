// Original file: proto/parley/nlu/v1/nlu.proto


export interface GetModelRequest {
  'model'?: (string);
}

export interface GetModelRequest__Output {
  'model': (string);
}
