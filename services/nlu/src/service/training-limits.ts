/**
 * What one training may ask of the service, checked before a job exists so that a definition that would hold a
 * training slot for hours (epochs = 1e9, a 1 MB sentence, 10,000 intents) is refused at once. Each refusal is
 * TRAINING_LIMIT naming the offending field and the variable that sets the limit. (The time a job may run is
 * enforced while it runs, by TrainingJobs; its memory, by the training process's heap limit.)
 */
import { ParleyError, type BotDefinition } from '@parley/domain';
import { trainingPlanOf } from '@parley/nlu';

export interface TrainingLimits {
  /** Characters in one training sentence (PARLEY_MAX_TRAINING_SENTENCE_LENGTH). */
  maxSentenceLength: number;
  /** PARLEY_MAX_SENTENCES_PER_INTENT. */
  maxSentencesPerIntent: number;
  /** PARLEY_MAX_INTENTS. */
  maxIntents: number;
  /** UTF-8 bytes of the definition as JSON (PARLEY_MAX_DEFINITION_BYTES). */
  maxDefinitionBytes: number;
  /** config.hyperParameters.epochs (PARLEY_MAX_TRAINING_EPOCHS). */
  maxEpochs: number;
  /** Optimisation steps of the whole training: epochs × batches × ensemble members (PARLEY_MAX_TRAINING_STEPS). */
  maxSteps: number;
  /** Wall-clock seconds a job may train before it is stopped and fails (PARLEY_MAX_TRAINING_SECONDS). */
  maxSeconds: number;
}

function refuse(field: string, what: string, limit: number, variable: string): never {
  throw new ParleyError('TRAINING_LIMIT', `${field} ${what}, the limit is ${limit} (${variable})`, { field });
}

/** Before parsing: the size of the definition as received, whatever its shape. */
export function checkDefinitionSize(input: unknown, limits: TrainingLimits): void {
  const bytes = Buffer.byteLength(JSON.stringify(input ?? null) ?? '', 'utf8');
  if (bytes > limits.maxDefinitionBytes)
    refuse('definition', `is ${bytes} bytes as JSON`, limits.maxDefinitionBytes, 'PARLEY_MAX_DEFINITION_BYTES');
}

/** After parsing: counts, lengths and the cost of the training the definition asks for. */
export function checkTrainingLimits(definition: BotDefinition, limits: TrainingLimits): void {
  const { intents } = definition;
  if (intents.length > limits.maxIntents) refuse('intents', `holds ${intents.length} intents`, limits.maxIntents, 'PARLEY_MAX_INTENTS');
  intents.forEach((intent, i) => {
    const sentences = intent.trainingSentences;
    if (sentences.length > limits.maxSentencesPerIntent) {
      refuse(
        `intents[${i}].trainingSentences`,
        `holds ${sentences.length} sentences`,
        limits.maxSentencesPerIntent,
        'PARLEY_MAX_SENTENCES_PER_INTENT',
      );
    }
    sentences.forEach((sentence, j) => {
      if (sentence.length > limits.maxSentenceLength) {
        const field = `intents[${i}].trainingSentences[${j}]`;
        refuse(field, `has ${sentence.length} characters`, limits.maxSentenceLength, 'PARLEY_MAX_TRAINING_SENTENCE_LENGTH');
      }
    });
  });
  const epochs = definition.config.hyperParameters['epochs'];
  if (epochs !== undefined && epochs > limits.maxEpochs) {
    refuse('config.hyperParameters.epochs', `is ${epochs}`, limits.maxEpochs, 'PARLEY_MAX_TRAINING_EPOCHS');
  }
  const plan = trainingPlanOf(definition);
  if (plan.steps > limits.maxSteps) {
    const crossValidation = plan.crossValidationSteps > 0 ? `, plus ${plan.crossValidationSteps} in cross-validation` : '';
    const how = `ask for ${plan.steps} optimisation steps (${plan.epochs} epochs × ${plan.batchesPerEpoch} batches × ${plan.members} members${crossValidation})`;
    refuse('config.hyperParameters', how, limits.maxSteps, 'PARLEY_MAX_TRAINING_STEPS');
  }
}
