/**
 * The classifier's hyper-parameters: defaults chosen on CLINC150 (see packages/nlu/README.md), each overridable
 * through `definition.config.hyperParameters`. Unknown keys are refused so a typo does not pass silently.
 */
import { ParleyError } from '@parley/domain';

export interface HyperParameters {
  dimension: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  labelSmoothing: number;
  /** The weights after each of the last N epochs are averaged (1 = the last weights). */
  averageEpochs: number;
  /** Feature dropout while training. */
  dropout: number;
  /** Synthetic background sentences per training sentence (0 = none); see background-sentences.ts. */
  background: number;
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
}

export const DEFAULT_HYPER_PARAMETERS: Readonly<HyperParameters> = Object.freeze({
  dimension: 64,
  epochs: 10,
  batchSize: 32,
  learningRate: 0.01,
  labelSmoothing: 0,
  dropout: 0,
  averageEpochs: 1,
  sigmoid: 0,
  background: 0,
  charMin: 3,
  charMax: 5,
  bigrams: 1,
  minCount: 1,
  unigramWeight: 1,
  bigramWeight: 1,
  charWeight: 1,
});

export function resolveHyperParameters(overrides: Readonly<Record<string, number>> = {}): HyperParameters {
  const resolved: HyperParameters = { ...DEFAULT_HYPER_PARAMETERS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_HYPER_PARAMETERS, key)) {
      const known = Object.keys(DEFAULT_HYPER_PARAMETERS).join(', ');
      throw new ParleyError('INVALID_DEFINITION', `config.hyperParameters.${key} is unknown (known: ${known})`, {
        field: `config.hyperParameters.${key}`,
      });
    }
    if (!Number.isFinite(value) || value < 0) {
      throw new ParleyError('INVALID_DEFINITION', `config.hyperParameters.${key} must be a non-negative number`, {
        field: `config.hyperParameters.${key}`,
      });
    }
    resolved[key as keyof HyperParameters] = value;
  }
  return resolved;
}
