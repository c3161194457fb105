/**
 * Checks of request fields, each throwing ParleyError naming the field: texts (not blank, within the limit), and
 * the names that become folders of the model directory (model ids, versions, aliases).
 */
import { isBlankText, ParleyError } from '@parley/domain';
import { MODEL_ID_PATTERN } from '@parley/nlu';
import { ALIAS_PATTERN } from '../registry/model-registry';

/** Blank means what it means on every channel (isBlankText): nothing visible, zero-width characters included. */
export function checkText(text: string, field: string, maxLength: number): void {
  if (isBlankText(text)) throw new ParleyError('TEXT_EMPTY', `${field} holds no visible character`, { field });
  if (text.length > maxLength) {
    throw new ParleyError('TEXT_TOO_LONG', `${field} has ${text.length} characters, the limit is ${maxLength}`, { field });
  }
}

export function requireName(value: string, field: string): string {
  if (value.trim() === '') throw new ParleyError('INVALID_ARGUMENT', `${field} is required`, { field });
  return value;
}

/** Model ids and versions name folders of the model directory: only safe file-name characters pass. */
export function requireId(value: string, field: string): string {
  if (!MODEL_ID_PATTERN.test(requireName(value, field))) {
    throw new ParleyError(
      'INVALID_ARGUMENT',
      `${field} "${value}" must be letters, digits, ".", "_" or "-", starting with a letter or digit`,
      { field },
    );
  }
  return value;
}

export function requireAlias(value: string, field: string): string {
  if (!ALIAS_PATTERN.test(requireName(value, field))) {
    throw new ParleyError('INVALID_ARGUMENT', `${field} "${value}" must be a letter, then up to 63 letters, digits, ".", "_" or "-"`, {
      field,
    });
  }
  return value;
}
