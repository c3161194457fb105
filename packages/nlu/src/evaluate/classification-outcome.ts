/**
 * Runs a model over labelled examples once and keeps, per example, what every metric needs: the expected label,
 * the two best scores and the model's own answer. Threshold sweeps then cost no further predictions.
 */
import { performance } from 'node:perf_hooks';
import { ParleyError, type IntentClassifierPrediction } from '@parley/domain';
import { NO_ENCODER, type LabeledExample, type NluModel, type SentenceEncoder } from '../api';

export interface ClassificationOutcome {
  /** The expected intent, or null for an out-of-scope example. */
  expected: string | null;
  /** The best-ranked intent, whatever its score. */
  top: string;
  topScore: number;
  secondScore: number;
  /** The model's answer with its configured threshold and margin. */
  prediction: IntentClassifierPrediction;
}

export interface OutcomeRun {
  outcomes: ClassificationOutcome[];
  latenciesMs: number[];
}

/** A model with an encoder needs `encoder`: the examples are encoded in one batch first (not timed per example). */
export async function collectOutcomes(
  model: NluModel,
  examples: readonly LabeledExample[],
  oosLabel: string,
  scope: string,
  encoder?: SentenceEncoder,
): Promise<OutcomeRun> {
  const ranked = new Set(model.intentsOf(scope));
  const now = new Date();
  const vectors = await vectorsOf(model, examples, now, encoder);
  const outcomes: ClassificationOutcome[] = [];
  const latenciesMs: number[] = [];
  examples.forEach((example, i) => {
    const expected = example.intent === oosLabel ? null : example.intent;
    if (expected !== null && !ranked.has(expected)) {
      throw new ParleyError('INVALID_ARGUMENT', `examples[${i}].intent "${expected}" is not an intent of scope "${scope}"`, {
        field: `examples[${i}].intent`,
      });
    }
    const started = performance.now();
    const prediction = model.predict(example.text, scope, now, vectors?.[i]);
    latenciesMs.push(performance.now() - started);
    const [first, second] = prediction.ranking;
    outcomes.push({ expected, top: first?.intent ?? '', topScore: first?.score ?? 0, secondScore: second?.score ?? 0, prediction });
  });
  return { outcomes, latenciesMs };
}

async function vectorsOf(model: NluModel, examples: readonly LabeledExample[], now: Date, encoder?: SentenceEncoder) {
  if (model.encoder === NO_ENCODER) return undefined;
  if (encoder?.identity !== model.encoder) {
    throw new ParleyError('ENCODER_UNAVAILABLE', `model ${model.version} needs the encoder ${model.encoder} to be evaluated`, {
      field: 'encoder',
    });
  }
  return encoder.encode(examples.map((example) => model.encoderText(example.text, now)));
}
