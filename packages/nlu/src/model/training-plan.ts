/**
 * How much optimisation training a definition takes, known before it starts: the epochs each classifier of the
 * ensemble runs (small bots get more, so that every member takes at least minSteps optimisation steps), the
 * members, and the steps in all. Training runs exactly this plan; the NLU service bounds it before a job starts.
 */
import type { BotDefinition } from '@parley/domain';
import { resolveHyperParameters, type HyperParameters } from './hyper-parameters';

export interface TrainingPlan {
  epochs: number;
  members: number;
  batchesPerEpoch: number;
  /** Optimisation steps over every member and epoch. */
  steps: number;
}

export function planTraining(hyper: HyperParameters, examples: number): TrainingPlan {
  const batchesPerEpoch = Math.max(1, Math.ceil(examples / hyper.batchSize));
  const epochs = Math.max(hyper.epochs, Math.ceil(hyper.minSteps / batchesPerEpoch));
  return { epochs, members: hyper.members, batchesPerEpoch, steps: epochs * batchesPerEpoch * hyper.members };
}

/** The plan of a parsed definition: one example per training sentence. */
export function trainingPlanOf(definition: BotDefinition): TrainingPlan {
  const examples = definition.intents.reduce((sum, intent) => sum + intent.trainingSentences.length, 0);
  return planTraining(resolveHyperParameters(definition.config.hyperParameters), examples);
}
