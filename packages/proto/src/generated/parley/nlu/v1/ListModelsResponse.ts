// Original file: proto/parley/nlu/v1/nlu.proto

import type { Model as _parley_nlu_v1_Model, Model__Output as _parley_nlu_v1_Model__Output } from '../../../parley/nlu/v1/Model';

export interface ListModelsResponse {
  'models'?: (_parley_nlu_v1_Model)[];
}

export interface ListModelsResponse__Output {
  'models': (_parley_nlu_v1_Model__Output)[];
}
