// Original file: proto/parley/nlu/v1/nlu.proto


export interface NluConfig {
  'threshold'?: (number | string);
  'ambiguityMargin'?: (number | string);
  'seed'?: (number);
  'timezone'?: (string);
  'hyperParameters'?: ({[key: string]: number | string});
  'encoder'?: (string);
  '_threshold'?: "threshold";
  '_ambiguityMargin'?: "ambiguityMargin";
  '_seed'?: "seed";
}

export interface NluConfig__Output {
  'threshold'?: (number);
  'ambiguityMargin'?: (number);
  'seed'?: (number);
  'timezone': (string);
  'hyperParameters': ({[key: string]: number});
  'encoder': (string);
  '_threshold'?: "threshold";
  '_ambiguityMargin'?: "ambiguityMargin";
  '_seed'?: "seed";
}
