/**
 * k-fold cross-validation on the training phrases alone: each fold is held out in turn, both classifiers train on
 * the rest, and the held-out phrases are scored as unseen text. Calibration (calibration.ts) chooses the model's
 * threshold, fusion weight and familiarity exponent from these scores, never from test data. Folds are stratified:
 * each intent's phrases, in a seeded order, are dealt round the folds, so every fold sees every intent it can.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BotDefinition } from '@parley/domain';
import type { TrainOptions } from '../api';
import type { TextFeatures } from '../classifier/feature-extractor';
import { SeededRandom } from '../classifier/seeded-random';
import { throwIfAborted } from '../classifier/train-classifier';
import { trainVectorClassifier } from '../classifier/train-vector-classifier';
import { VectorClassifier, unitVector } from '../classifier/vector-classifier';
import { trainBag } from './bag-training';
import type { HyperParameters } from './hyper-parameters';

/** One held-out phrase as the fold's models scored it. */
export interface HeldOut {
  label: number;
  /** The n-gram bag's probabilities over every intent. */
  bag: Float32Array;
  /** With an encoder: the vector classifier's probabilities over every intent. */
  vector?: Float32Array;
  /** With an encoder: per intent, the cosine to its nearest phrase in the fold's training part (0 if it has none). */
  nearest?: Float32Array;
}

export interface CrossValidationInput {
  definition: BotDefinition;
  hyper: HyperParameters;
  features: readonly TextFeatures[];
  labels: readonly number[];
  /**
   * With an encoder: the examples' vectors, and one intent-phrase vector per intent (always trained on). Awaited only
   * once every fold's bag has trained, so the encoder's threads work meanwhile.
   */
  vectors?: Promise<TrainingVectors>;
}

export interface TrainingVectors {
  examples: readonly Float32Array[];
  phrases: readonly Float32Array[];
}

export function assignFolds(labels: readonly number[], folds: number, seed: number): Int32Array {
  const random = new SeededRandom(seed ^ 0x5f3759df);
  const byIntent = new Map<number, number[]>();
  labels.forEach((label, i) => byIntent.set(label, [...(byIntent.get(label) ?? []), i]));
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const indices of byIntent.values()) {
    for (const index of random.shuffle(indices)) fold[index] = next++ % folds;
  }
  return fold;
}

export async function crossValidate(input: CrossValidationInput, options: Pick<TrainOptions, 'signal'>): Promise<HeldOut[]> {
  const { definition, hyper, features, labels } = input;
  const classes = definition.intents.length;
  const fold = assignFolds(labels, hyper.folds, definition.config.seed);
  const heldOut: HeldOut[] = new Array<HeldOut>(labels.length);
  const splits = Array.from({ length: hyper.folds }, (_, f) => ({
    train: labels.map((_, i) => i).filter((i) => fold[i] !== f),
    test: labels.map((_, i) => i).filter((i) => fold[i] === f),
  })).filter(({ train, test }) => train.length > 0 && test.length > 0);
  // One member per fold's bag: calibration needs held-out score distributions, not the ensemble's last bit of accuracy.
  const foldHyper = { ...hyper, members: 1 };
  for (const { train, test } of splits) {
    throwIfAborted(options.signal);
    const bag = await trainBag(
      definition,
      foldHyper,
      train.map((i) => features[i]!),
      train.map((i) => labels[i]!),
      options.signal ? { signal: options.signal } : {},
    );
    for (const i of test) heldOut[i] = { label: labels[i]!, bag: bag.classifier.probabilities(bag.featurizer.encode(features[i]!)) };
  }
  const vectors = await input.vectors;
  for (const { train, test } of vectors === undefined ? [] : splits) {
    throwIfAborted(options.signal);
    if (vectors === undefined) break;
    const classifier = new VectorClassifier(
      await trainVectorClassifier(
        [...train.map((i) => vectors.examples[i]!), ...vectors.phrases],
        [...train.map((i) => labels[i]!), ...vectors.phrases.map((_, intent) => intent)],
        classes,
        vectorOptions(hyper, options.signal),
      ),
    );
    const nearest = nearestByIntent(
      test.map((i) => vectors.examples[i]!),
      train.map((i) => vectors.examples[i]!),
      train.map((i) => labels[i]!),
      classes,
    );
    test.forEach((i, row) => {
      heldOut[i]!.vector = classifier.probabilities(vectors.examples[i]!);
      heldOut[i]!.nearest = nearest[row]!;
    });
  }
  return heldOut.filter((entry) => entry !== undefined);
}

export function vectorOptions(hyper: HyperParameters, signal: AbortSignal | undefined) {
  return {
    epochs: hyper.vectorEpochs,
    learningRate: hyper.vectorLearningRate,
    scale: hyper.vectorScale,
    ...(signal ? { signal } : {}),
  };
}

/** Per query vector, per intent: the largest cosine to that intent's vectors (one matrix product for all pairs). */
function nearestByIntent(
  queries: readonly Float32Array[],
  phrases: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
): Float32Array[] {
  const dimension = queries[0]?.length ?? 0;
  const cosines = tf.tidy(() => {
    const q = tf.tensor2d(stack(queries, dimension), [queries.length, dimension]);
    const pT = tf.transpose(tf.tensor2d(stack(phrases, dimension), [phrases.length, dimension]));
    return tf.matMul(q, pT);
  });
  const values = cosines.dataSync() as Float32Array;
  cosines.dispose();
  return queries.map((_, row) => {
    const best = new Float32Array(classes);
    for (let j = 0; j < phrases.length; j++) {
      const label = labels[j]!;
      best[label] = Math.max(best[label]!, values[row * phrases.length + j]!);
    }
    return best;
  });
}

function stack(vectors: readonly Float32Array[], dimension: number): Float32Array {
  const matrix = new Float32Array(vectors.length * dimension);
  vectors.forEach((vector, i) => matrix.set(unitVector(vector), i * dimension));
  return matrix;
}
