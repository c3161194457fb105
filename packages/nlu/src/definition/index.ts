export { parseDefinition } from './parse-definition';
export { lintDefinition } from './lint-definition';
export { MODEL_ID_PATTERN } from './definition-schema';
