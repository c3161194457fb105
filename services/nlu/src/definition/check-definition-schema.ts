/**
 * Checks a definition file's content against the published JSON Schema (@parley/nlu's definition.schema.json,
 * the one editors autocomplete with) before it is parsed: proto snake_case names first, with the camelCase field
 * to write, then every schema error (up to five), each named by its path.
 */
import Ajv from 'ajv';
import { definitionError, snakeCaseProblems, type DefinitionProblem } from '@parley/nlu';
import schema from '@parley/nlu/definition.schema.json';

const MAX_PROBLEMS = 5;

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Throws ParleyError INVALID_DEFINITION naming the first offending field when `input` breaks the schema. */
export function checkDefinitionSchema(input: unknown): void {
  const snakeCase = snakeCaseProblems(input);
  if (snakeCase.length > 0) throw definitionError(snakeCase);
  if (validate(input)) return;
  const problems: DefinitionProblem[] = (validate.errors ?? []).slice(0, MAX_PROBLEMS).map((error) => {
    const path = error.instancePath.split('/').slice(1).map(segment);
    const extra = (error.params as { additionalProperty?: string; allowedValues?: unknown[] }) ?? {};
    if (extra.additionalProperty !== undefined)
      return { path: [...path, extra.additionalProperty], message: 'is not a field of the definition' };
    const allowed = extra.allowedValues === undefined ? '' : ` (${extra.allowedValues.map(String).join(', ')})`;
    return { path, message: `${error.message ?? 'is invalid'}${allowed} (JSON Schema)` };
  });
  throw definitionError(problems);
}

/** A JSON Pointer segment: array indices become numbers, escapes are undone. */
function segment(part: string): string | number {
  const text = part.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}
