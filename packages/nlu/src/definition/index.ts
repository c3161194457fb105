export { parseDefinition, definitionError, type Problem as DefinitionProblem } from './parse-definition';
export { snakeCaseProblems } from './snake-case-fields';
export { lintDefinition } from './lint-definition';
export { MODEL_ID_PATTERN } from './definition-schema';
