// Original file: proto/parley/nlu/v1/nlu.proto


export interface IntentMetrics {
  'intent'?: (string);
  'precision'?: (number | string);
  'recall'?: (number | string);
  'f1'?: (number | string);
  'support'?: (number);
}

export interface IntentMetrics__Output {
  'intent': (string);
  'precision': (number);
  'recall': (number);
  'f1': (number);
  'support': (number);
}
