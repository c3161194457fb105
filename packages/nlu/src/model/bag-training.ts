/**
 * Trains the n-gram bag on some examples of a training set: a vocabulary of their features, then the seeded
 * classifier ensemble. The final model trains it on every example; cross-validation on each fold's rest.
 */
import { ALL_INTENTS_SCOPE, type BotDefinition } from '@parley/domain';
import type { TrainOptions } from '../api';
import { trainEnsemble, type TrainedEnsemble } from '../classifier/classifier-ensemble';
import type { TextFeatures } from '../classifier/feature-extractor';
import { FeatureVocabulary } from '../classifier/feature-vocabulary';
import type { ClassifierTrainingOptions } from '../classifier/train-classifier';
import type { HyperParameters } from './hyper-parameters';
import { TextFeaturizer } from './text-featurizer';
import { planTraining } from './training-plan';

export interface TrainedBag extends TrainedEnsemble {
  featurizer: TextFeaturizer;
}

export async function trainBag(
  definition: BotDefinition,
  hyper: HyperParameters,
  features: readonly TextFeatures[],
  labels: readonly number[],
  options: Pick<TrainOptions, 'signal' | 'onProgress'>,
): Promise<TrainedBag> {
  const featurizer = new TextFeaturizer(definition.language, hyper, FeatureVocabulary.build(features, hyper.minCount));
  const examples = features.map((text, i) => ({ text: featurizer.encode(text), label: labels[i]! }));
  const trained = await trainEnsemble(
    examples,
    featurizer.vocabulary.size,
    definition.intents.length,
    ensembleOptions(hyper, definition.config.seed, examples.length, options),
  );
  return { ...trained, featurizer };
}

function ensembleOptions(
  hyper: HyperParameters,
  seed: number,
  examples: number,
  options: Pick<TrainOptions, 'signal' | 'onProgress'>,
): ClassifierTrainingOptions & { members: number } {
  const { epochs, members } = planTraining(hyper, examples);
  return {
    dimension: hyper.dimension,
    activation: hyper.sigmoid > 0 ? 'sigmoid' : 'softmax',
    epochs,
    batchSize: hyper.batchSize,
    learningRate: hyper.learningRate,
    labelSmoothing: hyper.labelSmoothing,
    dropout: hyper.dropout,
    averageEpochs: hyper.averageEpochs,
    members,
    seed,
    ...(options.signal ? { signal: options.signal } : {}),
    onEpoch: (epoch, loss, accuracy) => options.onProgress?.({ scope: ALL_INTENTS_SCOPE, epoch, epochs: epochs * members, loss, accuracy }),
  };
}
