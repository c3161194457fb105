// Original file: proto/parley/nlu/v1/nlu.proto


export interface JobRequest {
  'jobId'?: (string);
}

export interface JobRequest__Output {
  'jobId': (string);
}
