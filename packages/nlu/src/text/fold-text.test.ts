import { describe, expect, it } from 'vitest';
import { foldText, foldWord } from './fold-text';

describe('foldText', () => {
  it('folds case, accents and compatibility forms', () => {
    expect(foldWord('Mañana ÉTÉ Ｖｉｅｒ')).toBe('manana ete vier');
  });

  it('maps offsets back to the original text when lengths change', () => {
    const original = 'ﬁve e\u0301te BCN';
    const folded = foldText(original);
    expect(folded.text).toBe('five ete bcn');
    const start = folded.text.indexOf('bcn');
    expect(original.slice(folded.toOriginal(start), folded.toOriginal(start + 3))).toBe('BCN');
    const ete = folded.text.indexOf('ete');
    expect(original.slice(folded.toOriginal(ete), folded.toOriginal(ete + 3))).toBe('e\u0301te');
    expect(folded.toOriginal(folded.text.length)).toBe(original.length);
  });

  it('keeps offsets when every character folds to one', () => {
    const folded = foldText('Qué Tal');
    expect(folded.text).toBe('que tal');
    expect(folded.toOriginal(4)).toBe(4);
  });
});
