// Original file: proto/parley/nlu/v1/nlu.proto

import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from '../../../google/protobuf/Value';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../../google/protobuf/Struct';

export interface MatchedParameter {
  'name'?: (string);
  'value'?: (_google_protobuf_Value | null);
  'info'?: (_google_protobuf_Struct | null);
}

export interface MatchedParameter__Output {
  'name': (string);
  'value': (_google_protobuf_Value__Output | null);
  'info': (_google_protobuf_Struct__Output | null);
}
