export * from './api';
export { TextPipeline, type ProcessedText } from './text/text-pipeline';
