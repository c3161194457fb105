/**
 * A model version is a hash of the canonical definition (keys sorted, config and seed included), the model format
 * the default hyper-parameters and the sentence encoder, so the same definition trained by the same code always gets the same version,
 * and a change of defaults gives new versions.
 */
import { createHash } from 'node:crypto';
import type { BotDefinition, JsonValue } from '@parley/domain';
import { NO_ENCODER } from '../api';
import { DEFAULT_HYPER_PARAMETERS } from './hyper-parameters';

/** Bumped whenever features or training change in a way that changes scores. */
export const MODEL_FORMAT = 'parley-nlu/3';
/** Artifacts of this format still load (format 3 added the encoder and the calibration). */
export const PREVIOUS_MODEL_FORMAT = 'parley-nlu/2';

/** `encoder`: the identity of the encoder the model uses (encoderIdentityFor), which the version must name too. */
export function modelVersionOf(definition: BotDefinition, encoder: string = NO_ENCODER): string {
  const canonical = canonicalJson({
    format: MODEL_FORMAT,
    defaults: { ...DEFAULT_HYPER_PARAMETERS },
    definition: definition as unknown as JsonValue,
    encoder,
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
