export * from './api';
export { TextPipeline, type ProcessedText } from './text/text-pipeline';
export { initBackend } from './backend/init-backend';
export { trainModel } from './model/train-model';
export { loadModel } from './model/load-model';
export { loadClassifierKernels } from './classifier/classifier-kernels';
export type { ClassifierEngine } from './classifier/intent-classifier';
export { modelVersionOf, MODEL_FORMAT } from './model/model-version';
export { DEFAULT_HYPER_PARAMETERS, type HyperParameters } from './model/hyper-parameters';
export { trainingPlanOf, type TrainingPlan } from './model/training-plan';
export { evaluateDataset } from './evaluate/evaluate-dataset';
export { evaluateModel } from './evaluate/evaluate-model';
export { addTypos, type TypoOptions } from './evaluate/add-typos';
export {
  parseDefinition,
  lintDefinition,
  MODEL_ID_PATTERN,
  definitionError,
  snakeCaseProblems,
  type DefinitionProblem,
} from './definition';
export { placeholderFor, isPlaceholder } from './text/placeholder';
export { EntityRecognizer } from './ner/entity-recognizer';
export type { Recognition, EntityMatch } from './ner/recognition';
export { registerLanguage, getLanguage, languageCodes } from './languages/language-registry';
export type { Language } from './languages/language';
export { encoderFor, encoderIdentityFor } from './model/encoder-choice';
