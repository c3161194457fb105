// Original file: proto/parley/nlu/v1/nlu.proto

import type { Long } from '@grpc/proto-loader';

export interface ModelVersion {
  'version'?: (string);
  'createdAt'?: (string);
  'scopes'?: (string)[];
  'intents'?: (number);
  'examples'?: (number);
  'sizeBytes'?: (number | string | Long);
  'loaded'?: (boolean);
  'trainSeconds'?: (number | string);
  'engine'?: (string);
}

export interface ModelVersion__Output {
  'version': (string);
  'createdAt': (string);
  'scopes': (string)[];
  'intents': (number);
  'examples': (number);
  'sizeBytes': (number);
  'loaded': (boolean);
  'trainSeconds': (number);
  'engine': (string);
}
