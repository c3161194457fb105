/** Reads a bot definition from a .json, .yaml or .yml file and validates it. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ParleyError, type BotDefinition } from '@parley/domain';
import { parseDefinition } from '@parley/nlu';
import { parse as parseYaml } from 'yaml';

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
    return parseDefinition(input);
  } catch (error) {
    if (error instanceof ParleyError)
      throw new ParleyError(error.code, `${path}: ${error.message}`, error.field ? { field: error.field } : {});
    throw error;
  }
}
