export { parseDefinition } from './parse-definition';
export { lintDefinition, MIN_EXAMPLES_PER_INTENT } from './lint-definition';
export { MODEL_ID_PATTERN } from './definition-schema';
