export * from './api';
export { TextPipeline, type ProcessedText } from './text/text-pipeline';
export { initBackend, type BackendName } from './backend/init-backend';
export { trainModel } from './model/train-model';
export { loadModel } from './model/load-model';
export { modelVersionOf, MODEL_FORMAT } from './model/model-version';
export { DEFAULT_HYPER_PARAMETERS, type HyperParameters } from './model/hyper-parameters';
