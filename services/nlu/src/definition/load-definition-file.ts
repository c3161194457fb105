/** Reads a bot definition from a .json, .yaml or .yml file and validates it: the JSON Schema, then parseDefinition. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ParleyError, type BotDefinition } from '@parley/domain';
import { parseDefinition } from '@parley/nlu';
import { parse as parseYaml } from 'yaml';
import { checkDefinitionSchema } from './check-definition-schema';

export async function loadDefinitionFile(path: string): Promise<BotDefinition> {
  const extension = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new ParleyError('INVALID_ARGUMENT', `${path}: a definition file must end in .json, .yaml or .yml`, { field: 'file' });
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ParleyError('INVALID_ARGUMENT', `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, {
      field: 'file',
    });
  }
  let input: unknown;
  try {
    input = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const format = extension === '.json' ? 'JSON' : 'YAML';
    throw new ParleyError('INVALID_DEFINITION', `${path}: not valid ${format}: ${(error as Error).message}`, { field: 'file' });
  }
  try {
    checkDefinitionSchema(input);
    return parseDefinition(withoutSchemaHint(input));
  } catch (error) {
    if (error instanceof ParleyError)
      throw new ParleyError(error.code, `${path}: ${error.message}`, error.field ? { field: error.field } : {});
    throw error;
  }
}

/** `$schema` tells editors where the JSON Schema is; it is no part of the definition. */
function withoutSchemaHint(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('$schema' in input)) return input;
  const { $schema: _hint, ...definition } = input as Record<string, unknown>;
  return definition;
}
