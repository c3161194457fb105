/**
 * Trains a model from a bot definition: NER placeholders in the training sentences, features, one seeded
 * classifier ensemble over all intents (served per scope by restriction), per-scope statistics.
 */
import { performance } from 'node:perf_hooks';
import { ALL_INTENTS_SCOPE, ParleyError, type BotDefinition } from '@parley/domain';
import type { NluModel, TrainOptions } from '../api';
import { initBackend } from '../backend/init-backend';
import { trainEnsemble } from '../classifier/classifier-ensemble';
import { FeatureVocabulary } from '../classifier/feature-vocabulary';
import { throwIfAborted, type ClassifierTrainingOptions } from '../classifier/train-classifier';
import { EntityRecognizer } from '../ner/entity-recognizer';
import { resolveHyperParameters, type HyperParameters } from './hyper-parameters';
import { modelVersionOf } from './model-version';
import { scopeIntentIndices } from './scope-intents';
import { scopeStats } from './scope-stats';
import { SentenceEncoder } from './sentence-encoder';
import { TrainedNluModel } from './trained-nlu-model';
import { planTraining } from './training-plan';
import { buildTrainingSet } from './training-set';

export async function trainModel(definition: BotDefinition, options: TrainOptions = {}): Promise<NluModel> {
  const started = performance.now();
  throwIfAborted(options.signal);
  const hyper = resolveHyperParameters(definition.config.hyperParameters);
  const scopes = scopeIntentIndices(definition);
  const backend = await initBackend();
  // The only wait before the training steps (which check the signal): loading the backend can take a while.
  throwIfAborted(options.signal);
  const recognizer = new EntityRecognizer(definition);
  const encoder = new SentenceEncoder(definition.language, hyper);
  const set = buildTrainingSet(definition, encoder, recognizer);
  if (set.labels.length === 0) {
    throw new ParleyError('INVALID_DEFINITION', 'intents have no training sentences with words', { field: 'intents' });
  }
  encoder.vocabulary = FeatureVocabulary.build(set.features, hyper.minCount);
  const examples = set.features.map((features, i) => ({ text: encoder.encode(features), label: set.labels[i] as number }));
  const { classifier, lastEpochProbabilities } = await trainEnsemble(
    examples,
    encoder.vocabulary.size,
    definition.intents.length,
    trainingOptions(hyper, definition.config.seed, examples.length, options),
  );
  return new TrainedNluModel({
    definition,
    version: modelVersionOf(definition),
    hyper,
    encoder,
    recognizer,
    classifier,
    exactMatches: set.exactMatches,
    stats: scopeStats(scopes, set.labels, lastEpochProbabilities),
    trainSeconds: (performance.now() - started) / 1000,
    backend,
  });
}

function trainingOptions(
  hyper: HyperParameters,
  seed: number,
  examples: number,
  options: TrainOptions,
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
