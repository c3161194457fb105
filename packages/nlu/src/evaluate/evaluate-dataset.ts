/**
 * Trains on a labelled dataset and evaluates on its test split: the code behind `parley eval` and the CLINC150
 * benchmark. Out-of-scope rows are left out of training; the threshold is fixed, picked on val, or the model's own.
 */
import { DEFAULT_NLU_CONFIG, type BotDefinition } from '@parley/domain';
import { DEFAULT_THRESHOLD } from '../model/calibration';
import { encoderFor } from '../model/encoder-choice';
import type { DatasetEvaluation, EvaluateDatasetOptions, LabeledExample } from '../api';
import { initBackend } from '../backend/init-backend';
import { trainModel } from '../model/train-model';
import { collectOutcomes } from './classification-outcome';
import { evaluateModel } from './evaluate-model';
import { pickThreshold } from './threshold-metrics';

export async function evaluateDataset(options: EvaluateDatasetOptions): Promise<DatasetEvaluation> {
  const oosLabel = options.oosLabel ?? 'oos';
  const definition = definitionOf(options.train, oosLabel, options);
  const encoder = encoderFor(definition, options.encoder);
  const model = await trainModel(definition, encoder ? { encoder } : {});
  const threshold =
    options.threshold ??
    (options.val
      ? pickThreshold((await collectOutcomes(model, options.val, oosLabel, '*', encoder)).outcomes)
      : model.calibration.threshold);
  const evaluation = await evaluateModel(model, options.test, { oosLabel, threshold, ...(encoder ? { encoder } : {}) });
  return {
    metrics: {
      top1Accuracy: evaluation.top1Accuracy,
      inScopeAccuracy: evaluation.inScopeAccuracy,
      oosRecall: evaluation.oosRecall,
      threshold,
      trainSeconds: model.trainSeconds,
      predictP50Ms: evaluation.predictP50Ms,
      predictP99Ms: evaluation.predictP99Ms,
      intents: definition.intents.length,
      trainExamples: definition.intents.reduce((sum, intent) => sum + intent.trainingSentences.length, 0),
      testExamples: options.test.length,
      backend: await initBackend(),
      encoder: model.encoder,
    },
    model,
    perIntent: evaluation.perIntent,
    confusions: evaluation.confusions,
    thresholdSweep: evaluation.thresholdSweep,
  };
}

/** One intent per label, in order of first appearance; out-of-scope rows dropped. */
function definitionOf(train: readonly LabeledExample[], oosLabel: string, options: EvaluateDatasetOptions): BotDefinition {
  const sentences = new Map<string, string[]>();
  for (const row of train) {
    if (row.intent === oosLabel) continue;
    const list = sentences.get(row.intent) ?? [];
    list.push(row.text);
    sentences.set(row.intent, list);
  }
  return {
    name: 'evaluation',
    language: options.language ?? 'en',
    intents: [...sentences].map(([name, trainingSentences]) => ({ name, trainingSentences, parameters: [] })),
    entities: [],
    scopes: [],
    config: {
      ...DEFAULT_NLU_CONFIG,
      seed: options.seed ?? DEFAULT_NLU_CONFIG.seed,
      encoder: options.encoderChoice ?? DEFAULT_NLU_CONFIG.encoder,
      // A threshold picked on val (or given) makes the model's own unneeded: without an encoder, no cross-validation.
      ...(options.threshold !== undefined || options.val !== undefined ? { threshold: options.threshold ?? DEFAULT_THRESHOLD } : {}),
      hyperParameters: options.hyperParameters ?? {},
    },
  };
}
