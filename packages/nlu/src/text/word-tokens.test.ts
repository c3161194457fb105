import { describe, expect, it } from 'vitest';
import { wordTokens } from './word-tokens';

describe('wordTokens', () => {
  it('splits letter and digit runs with their offsets', () => {
    expect(wordTokens("it's 3.5 km—année!")).toEqual([
      { text: 'it', start: 0, end: 2 },
      { text: 's', start: 3, end: 4 },
      { text: '3', start: 5, end: 6 },
      { text: '5', start: 7, end: 8 },
      { text: 'km', start: 9, end: 11 },
      { text: 'année', start: 12, end: 17 },
    ]);
  });
});
