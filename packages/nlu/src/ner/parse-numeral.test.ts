import { describe, expect, it } from 'vitest';
import { parseNumeral } from './parse-numeral';

describe('parseNumeral', () => {
  it.each([
    ['42', '.', 42],
    ['3.5', '.', 3.5],
    ['1,000', '.', 1000],
    ['1,234,567.5', '.', 1234567.5],
    ['3,5', '.', 3.5],
    ['3,5', ',', 3.5],
    ['1.000', ',', 1000],
    ['1.234.567,5', ',', 1234567.5],
    ['3.5', ',', 3.5],
  ] as const)('"%s" with decimal "%s" → %d', (numeral, separator, value) => {
    expect(parseNumeral(numeral, separator)).toBe(value);
  });

  it('refuses a list of numbers', () => {
    expect(parseNumeral('1,2,3', '.')).toBeUndefined();
  });
});
