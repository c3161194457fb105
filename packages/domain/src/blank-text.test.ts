import { describe, expect, it } from 'vitest';
import { isBlankText } from './blank-text';

describe('isBlankText', () => {
  it.each([
    ['empty', ''],
    ['spaces and tabs', ' \t '],
    ['line breaks', '\r\n\u2028\u2029'],
    ['no-break space', '\u00a0'],
    ['ideographic space', '\u3000'],
    ['zero-width space', '\u200b'],
    ['zero-width joiners', '\u200c\u200d'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\ufeff'],
    ['soft hyphen', '\u00ad'],
    ['variation selector', '\ufe0f'],
    ['controls', '\u0007\u001b\u007f'],
    ['a mix of all of them', ' \u200b\u00a0\ufeff\u0007\u3000 '],
  ])('%s is blank', (_name, text) => {
    expect(isBlankText(text)).toBe(true);
  });

  it.each([
    ['a letter', 'a'],
    ['a letter among invisible characters', '\u200b a \u00a0'],
    ['a digit', '7'],
    ['punctuation', '?'],
    ['an emoji', '👋'],
    ['a combining mark', '\u0301'],
    ['an ANSI escape', '\u001b[31m'],
  ])('%s is not blank', (_name, text) => {
    expect(isBlankText(text)).toBe(false);
  });
});
