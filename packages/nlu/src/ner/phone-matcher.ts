/**
 * base.phone: international ("+34 600 123 456", "0034…") and grouped national numbers ("(555) 123-4567"),
 * normalised to "+" and digits. Dates, times and amounts that merely look like digit groups are left alone.
 */
import type { EntityMatcher } from './entity-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';

const PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)\s?)?\(?\d{1,4}\)?(?:[ .-]?\(?\d{1,4}\)?){1,7}(?![\p{L}\p{N}])/gu;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?!\d)/;
const CURRENCY_BEFORE = /[$€£¥₹]\s*$/;
const AMOUNT_OR_TIME_AFTER = /^\s*(?:[%$€£¥₹]|[:h]\d)/;
/** Always matches a candidate's end (its last digit group), so trimming makes progress. */
const LAST_GROUP = /[ .-]?\(?\d{1,4}\)?$|\D+$/;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
/** Without separators or an international prefix, shorter digit runs are more likely plain numbers. */
const MIN_BARE_DIGITS = 9;

export class PhoneMatcher implements EntityMatcher {
  readonly entities = ['base.phone'] as const;

  find(context: RecognitionContext): Candidate[] {
    const text = context.folded.text;
    if (!/\d/.test(text)) return [];
    const candidates: Candidate[] = [];
    for (const match of text.matchAll(PHONE)) {
      const end = match.index + match[0].length;
      if (CURRENCY_BEFORE.test(text.slice(0, match.index)) || AMOUNT_OR_TIME_AFTER.test(text.slice(end, end + 3))) continue;
      // The pattern is greedy: "600 123 456 2 pizzas" first reads "600 123 456 2", so drop groups until it fits.
      for (let raw = match[0]; /\d/.test(raw); raw = raw.replace(LAST_GROUP, '')) {
        const value = normalisePhone(raw);
        if (value === undefined) continue;
        candidates.push({ entity: 'base.phone', ...context.toOriginal(match.index, match.index + raw.length), value, info: {} });
        break;
      }
    }
    return candidates;
  }
}

/** "+34 600 123 456" → "+34600123456"; undefined when the digits do not look like a phone number. */
export function normalisePhone(raw: string): string | undefined {
  const international = raw.startsWith('+') || raw.startsWith('00');
  const allDigits = raw.replace(/\D/g, '');
  const digits = raw.startsWith('00') ? allDigits.slice(2) : allDigits;
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS || DATE_LIKE.test(raw)) return undefined;
  const groups = raw.split(/\D+/).filter((group) => group !== '');
  if (!international && groups.length === 1 && digits.length < MIN_BARE_DIGITS) return undefined;
  // Only a country code may be a single digit: "1 2 3 4 5 6 7" is a list of numbers.
  if (groups.slice(1).some((group) => group.length < 2)) return undefined;
  return (international ? '+' : '') + digits;
}
