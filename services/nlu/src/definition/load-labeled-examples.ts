/** Reads a labelled data set for `parley eval`: a JSON array of {text, intent} (the CLINC150 format). */
import { readFile } from 'node:fs/promises';
import { ParleyError } from '@parley/domain';
import { z } from 'zod';

export interface LabeledRow {
  text: string;
  intent: string;
}

const rowsSchema = z.array(z.object({ text: z.string(), intent: z.string().min(1) }));

export async function loadLabeledExamples(path: string, option: string): Promise<LabeledRow[]> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ParleyError('INVALID_ARGUMENT', `${option} ${path}: cannot read a JSON file (${reason})`, { field: option });
  }
  const rows = rowsSchema.safeParse(input);
  if (!rows.success) {
    const issue = rows.error.issues[0];
    const where = (issue?.path ?? []).map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('');
    throw new ParleyError(
      'INVALID_ARGUMENT',
      `${option} ${path}: expected a JSON array of {text, intent}; at ${where || 'the top'}: ${issue?.message}`,
      { field: option },
    );
  }
  return rows.data;
}
