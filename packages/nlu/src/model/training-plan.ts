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
  /** The bag's steps in cross-validation (calibration.ts): each fold trains one member on the other folds. */
  crossValidationSteps: number;
  /** Optimisation steps over every member and epoch, cross-validation included. */
  steps: number;
}

export function planTraining(hyper: HyperParameters, examples: number): Omit<TrainingPlan, 'crossValidationSteps'> {
  const batchesPerEpoch = Math.max(1, Math.ceil(examples / hyper.batchSize));
  const epochs = Math.max(hyper.epochs, Math.ceil(hyper.minSteps / batchesPerEpoch));
  return { epochs, members: hyper.members, batchesPerEpoch, steps: epochs * batchesPerEpoch * hyper.members };
}

/**
 * The plan of a parsed definition: one example per training sentence. Cross-validation runs unless the definition
 * fixes its threshold and uses no encoder; counted here whenever it may run.
 */
export function trainingPlanOf(definition: BotDefinition): TrainingPlan {
  const examples = definition.intents.reduce((sum, intent) => sum + intent.trainingSentences.length, 0);
  const hyper = resolveHyperParameters(definition.config.hyperParameters);
  const plan = planTraining(hyper, examples);
  const crossValidated = hyper.folds > 1 && (definition.config.threshold === undefined || definition.config.encoder !== 'none');
  const fold = planTraining({ ...hyper, members: 1 }, Math.ceil((examples * (hyper.folds - 1)) / hyper.folds));
  const crossValidationSteps = crossValidated ? hyper.folds * fold.steps : 0;
  return { ...plan, crossValidationSteps, steps: plan.steps + crossValidationSteps };
}
