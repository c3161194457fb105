/** Trains a model from a bot definition: one seeded classifier over all intents, served per scope. */
import { performance } from 'node:perf_hooks';
import { ALL_INTENTS_SCOPE, ParleyError, type BotDefinition } from '@parley/domain';
import type { NluModel, TrainOptions } from '../api';
import { initBackend } from '../backend/init-backend';
import { FeatureVocabulary } from '../classifier/feature-vocabulary';
import { trainClassifier } from '../classifier/train-classifier';
import { resolveHyperParameters } from './hyper-parameters';
import { modelVersionOf } from './model-version';
import { scopeIntentIndices } from './scope-intents';
import { scopeStats } from './scope-stats';
import { EntityRecognizer } from '../ner/entity-recognizer';
import { SentenceEncoder } from './sentence-encoder';
import { TrainedNluModel } from './trained-nlu-model';
import { buildTrainingSet } from './training-set';
import { backgroundSentences } from './background-sentences';

export async function trainModel(definition: BotDefinition, options: TrainOptions = {}): Promise<NluModel> {
  const started = performance.now();
  const hyper = resolveHyperParameters(definition.config.hyperParameters);
  const scopes = scopeIntentIndices(definition);
  const backend = await initBackend();
  const recognizer = new EntityRecognizer(definition);
  const encoder = new SentenceEncoder(definition.language, hyper);
  const set = buildTrainingSet(definition, encoder, recognizer);
  if (set.labels.length === 0) {
    throw new ParleyError('INVALID_DEFINITION', 'intents have no training sentences with words', { field: 'intents' });
  }
  encoder.vocabulary = FeatureVocabulary.build(set.features, hyper.minCount);
  // The background class comes after the intents; no scope names it, so no prediction returns it.
  const background = backgroundSentences(set.processed, Math.round(hyper.background * set.labels.length), definition.config.seed);
  const labels = [...set.labels, ...background.map(() => definition.intents.length)];
  const encoded = [...set.features, ...background.map((sentence) => encoder.features(sentence))].map((features) => encoder.encode(features));
  const { classifier, lastEpochProbabilities } = await trainClassifier(
    encoded.map((text, i) => ({ text, label: labels[i] as number })),
    encoder.vocabulary.size,
    definition.intents.length + (background.length > 0 ? 1 : 0),
    {
      dimension: hyper.dimension,
      activation: hyper.sigmoid > 0 ? 'sigmoid' : 'softmax',
      epochs: hyper.epochs,
      batchSize: hyper.batchSize,
      learningRate: hyper.learningRate,
      labelSmoothing: hyper.labelSmoothing,
      dropout: hyper.dropout,
      averageEpochs: hyper.averageEpochs,
      seed: definition.config.seed,
      ...(options.signal ? { signal: options.signal } : {}),
      onEpoch: (epoch, loss, accuracy) => options.onProgress?.({ scope: ALL_INTENTS_SCOPE, epoch, epochs: hyper.epochs, loss, accuracy }),
    },
  );
  return new TrainedNluModel({
    definition,
    version: modelVersionOf(definition),
    hyper,
    encoder,
    recognizer,
    classifier,
    exactMatches: set.exactMatches,
    stats: scopeStats(scopes, labels, lastEpochProbabilities),
    trainSeconds: (performance.now() - started) / 1000,
    backend,
  });
}
