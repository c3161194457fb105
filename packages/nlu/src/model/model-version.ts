/**
 * A model version is a hash of the canonical definition (keys sorted, config and seed included), the model format
 * and the default hyper-parameters, so the same definition trained by the same code always gets the same version,
 * and a change of defaults gives new versions.
 */
import { createHash } from 'node:crypto';
import type { BotDefinition, JsonValue } from '@parley/domain';
import { DEFAULT_HYPER_PARAMETERS } from './hyper-parameters';

/** Bumped whenever features or training change in a way that changes scores. */
export const MODEL_FORMAT = 'parley-nlu/2';

export function modelVersionOf(definition: BotDefinition): string {
  const canonical = canonicalJson({
    format: MODEL_FORMAT,
    defaults: { ...DEFAULT_HYPER_PARAMETERS },
    definition: definition as unknown as JsonValue,
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
