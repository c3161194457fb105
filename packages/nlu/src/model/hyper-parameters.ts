/**
 * The classifier's hyper-parameters: defaults chosen on CLINC150 (see packages/nlu/README.md), each overridable
 * through `definition.config.hyperParameters`. Unknown keys are refused so a typo does not pass silently.
 */
import { ParleyError } from '@parley/domain';

export interface HyperParameters {
  dimension: number;
  epochs: number;
  /** Small bots train for more epochs, so that every model takes at least this many optimisation steps. */
  minSteps: number;
  batchSize: number;
  learningRate: number;
  labelSmoothing: number;
  /** Classifiers trained from different seeds whose scores are averaged. */
  members: number;
  /** The weights after each of the last N epochs are averaged (1 = the last weights). */
  averageEpochs: number;
  /** Feature dropout while training. */
  dropout: number;
  /** 1 = sigmoid (one-vs-rest) scores, 0 = softmax. */
  sigmoid: number;
  charMin: number;
  charMax: number;
  /** 1 = stem bigram features on, 0 = off. */
  bigrams: number;
  /** Character n-grams seen fewer times than this in training are dropped. */
  minCount: number;
  unigramWeight: number;
  bigramWeight: number;
  charWeight: number;
  /** Cross-validation folds that calibrate the model (threshold, fusion weight, familiarity); 1 = none. */
  folds: number;
  /** Full-batch steps of the classifier over encoder vectors. */
  vectorEpochs: number;
  vectorLearningRate: number;
  /** Softmax scale of that classifier's cosines. */
  vectorScale: number;
  /** 1 = familiarity may scale scores (its exponent chosen by cross-validation), 0 = never. */
  familiarity: number;
  /** 1 = with an encoder, each intent's phrase (encoder-input.ts) also trains the bag. */
  intentPhrases: number;
}

export const DEFAULT_HYPER_PARAMETERS: Readonly<HyperParameters> = Object.freeze({
  dimension: 32,
  epochs: 4,
  minSteps: 300,
  batchSize: 128,
  learningRate: 0.03,
  labelSmoothing: 0.1,
  dropout: 0.4,
  averageEpochs: 2,
  members: 2,
  sigmoid: 0,
  charMin: 3,
  charMax: 4,
  bigrams: 1,
  minCount: 1,
  unigramWeight: 1,
  bigramWeight: 1,
  charWeight: 1,
  folds: 5,
  vectorEpochs: 60,
  vectorLearningRate: 0.05,
  vectorScale: 20,
  familiarity: 1,
  intentPhrases: 1,
});

/** Keys that must be whole numbers ≥ 1, and keys that must stay below 1. */
const COUNTS = new Set([
  'dimension',
  'epochs',
  'minSteps',
  'batchSize',
  'averageEpochs',
  'members',
  'charMin',
  'charMax',
  'minCount',
  'folds',
  'vectorEpochs',
]);
const FRACTIONS = new Set(['labelSmoothing', 'dropout']);

export function resolveHyperParameters(overrides: Readonly<Record<string, number>> = {}): HyperParameters {
  const resolved: HyperParameters = { ...DEFAULT_HYPER_PARAMETERS };
  for (const [key, value] of Object.entries(overrides)) {
    const field = `config.hyperParameters.${key}`;
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_HYPER_PARAMETERS, key)) {
      const known = Object.keys(DEFAULT_HYPER_PARAMETERS).join(', ');
      throw new ParleyError('INVALID_DEFINITION', `${field} is unknown (known: ${known})`, { field });
    }
    const valid =
      Number.isFinite(value) &&
      value >= 0 &&
      (!COUNTS.has(key) || (Number.isInteger(value) && value >= 1)) &&
      (!FRACTIONS.has(key) || value < 1);
    if (!valid) {
      const rule = COUNTS.has(key) ? 'a whole number ≥ 1' : FRACTIONS.has(key) ? 'a number in [0, 1)' : 'a number ≥ 0';
      throw new ParleyError('INVALID_DEFINITION', `${field} must be ${rule}, got ${value}`, { field });
    }
    resolved[key as keyof HyperParameters] = value;
  }
  if (resolved.charMin > resolved.charMax) {
    throw new ParleyError('INVALID_DEFINITION', 'config.hyperParameters.charMin must not exceed charMax', {
      field: 'config.hyperParameters.charMin',
    });
  }
  return resolved;
}
