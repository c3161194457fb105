/** The limits every classified text obeys: not blank, not longer than the configured maximum. */
import { ParleyError } from '@parley/domain';

export function checkText(text: string, field: string, maxLength: number): void {
  if (text.trim() === '') throw new ParleyError('TEXT_EMPTY', `${field} is empty`, { field });
  if (text.length > maxLength) {
    throw new ParleyError('TEXT_TOO_LONG', `${field} has ${text.length} characters, the limit is ${maxLength}`, { field });
  }
}
