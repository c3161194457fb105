/**
 * What one replica tells the others after it changed the shared model directory, and its wire form (JSON, small
 * enough for a PostgreSQL NOTIFY payload). A message that does not parse is refused here, never half-applied.
 */
import { MODEL_ID_PATTERN } from '@parley/nlu';
import { z } from 'zod';
import { ALIAS_PATTERN } from './model-registry';

const MODEL_CHANGE_KINDS = ['version-added', 'alias-set', 'version-deleted', 'model-deleted'] as const;
export type ModelChangeKind = (typeof MODEL_CHANGE_KINDS)[number];

export interface ModelChange {
  modelId: string;
  change: ModelChangeKind;
  /** The version added, deleted or now aliased; absent for model-deleted. */
  version?: string;
  /** The alias set; present for alias-set only. */
  alias?: string;
}

const id = z.string().regex(MODEL_ID_PATTERN);
const wireSchema = z.object({
  model: id,
  change: z.enum(MODEL_CHANGE_KINDS),
  version: id.optional(),
  alias: z.string().regex(ALIAS_PATTERN).optional(),
});

export function encodeModelChange(change: ModelChange): string {
  return JSON.stringify({ model: change.modelId, change: change.change, version: change.version, alias: change.alias });
}

/** The change a message carries; throws with the reason when it is not one. */
export function decodeModelChange(text: string): ModelChange {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('model event is not JSON');
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`);
    throw new Error(`model event is malformed (${problems.join('; ')})`);
  }
  const { model, change, version, alias } = parsed.data;
  return { modelId: model, change, ...(version === undefined ? {} : { version }), ...(alias === undefined ? {} : { alias }) };
}
