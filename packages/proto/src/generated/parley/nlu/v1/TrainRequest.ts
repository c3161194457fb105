// Original file: proto/parley/nlu/v1/nlu.proto

import type { BotDefinition as _parley_nlu_v1_BotDefinition, BotDefinition__Output as _parley_nlu_v1_BotDefinition__Output } from '../../../parley/nlu/v1/BotDefinition';

export interface TrainRequest {
  'definition'?: (_parley_nlu_v1_BotDefinition | null);
  'aliases'?: (string)[];
}

export interface TrainRequest__Output {
  'definition': (_parley_nlu_v1_BotDefinition__Output | null);
  'aliases': (string)[];
}
