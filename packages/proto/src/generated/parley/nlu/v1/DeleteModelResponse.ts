// Original file: proto/parley/nlu/v1/nlu.proto


export interface DeleteModelResponse {
  'deleted'?: (boolean);
}

export interface DeleteModelResponse__Output {
  'deleted': (boolean);
}
