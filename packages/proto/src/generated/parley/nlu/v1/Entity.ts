// Original file: proto/parley/nlu/v1/nlu.proto

import type { EntityEntry as _parley_nlu_v1_EntityEntry, EntityEntry__Output as _parley_nlu_v1_EntityEntry__Output } from '../../../parley/nlu/v1/EntityEntry';

export interface Entity {
  'name'?: (string);
  'entries'?: (_parley_nlu_v1_EntityEntry)[];
  'description'?: (string);
}

export interface Entity__Output {
  'name': (string);
  'entries': (_parley_nlu_v1_EntityEntry__Output)[];
  'description': (string);
}
