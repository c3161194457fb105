// Original file: proto/parley/nlu/v1/nlu.proto

import type { Intent as _parley_nlu_v1_Intent, Intent__Output as _parley_nlu_v1_Intent__Output } from '../../../parley/nlu/v1/Intent';
import type { Entity as _parley_nlu_v1_Entity, Entity__Output as _parley_nlu_v1_Entity__Output } from '../../../parley/nlu/v1/Entity';
import type { Scope as _parley_nlu_v1_Scope, Scope__Output as _parley_nlu_v1_Scope__Output } from '../../../parley/nlu/v1/Scope';
import type { NluConfig as _parley_nlu_v1_NluConfig, NluConfig__Output as _parley_nlu_v1_NluConfig__Output } from '../../../parley/nlu/v1/NluConfig';

export interface BotDefinition {
  'name'?: (string);
  'language'?: (string);
  'intents'?: (_parley_nlu_v1_Intent)[];
  'entities'?: (_parley_nlu_v1_Entity)[];
  'scopes'?: (_parley_nlu_v1_Scope)[];
  'config'?: (_parley_nlu_v1_NluConfig | null);
}

export interface BotDefinition__Output {
  'name': (string);
  'language': (string);
  'intents': (_parley_nlu_v1_Intent__Output)[];
  'entities': (_parley_nlu_v1_Entity__Output)[];
  'scopes': (_parley_nlu_v1_Scope__Output)[];
  'config': (_parley_nlu_v1_NluConfig__Output | null);
}
