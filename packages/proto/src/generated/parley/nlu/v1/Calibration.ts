// Original file: proto/parley/nlu/v1/nlu.proto


export interface Calibration {
  'threshold'?: (number | string);
  'thresholdSource'?: (string);
  'fusionWeight'?: (number | string);
  'familiarityExponent'?: (number | string);
  'nearestWeight'?: (number | string);
}

export interface Calibration__Output {
  'threshold': (number);
  'thresholdSource': (string);
  'fusionWeight': (number);
  'familiarityExponent': (number);
  'nearestWeight': (number);
}
