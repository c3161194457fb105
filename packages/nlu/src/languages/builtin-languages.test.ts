import { describe, expect, it } from 'vitest';
import { TextPipeline } from '../text/text-pipeline';
import { BUILTIN_LANGUAGES } from './builtin-languages';

/** Inflected forms of one word that the language's stemmer must bring together, and a different word. */
const FAMILIES: Record<string, { same: string[]; other: string }> = {
  en: { same: ['running', 'runs', 'run'], other: 'rain' },
  es: { same: ['canciones', 'canción'], other: 'cantar' },
  fr: { same: ['mangeait', 'mangé', 'manger'], other: 'maison' },
  de: { same: ['Häuser', 'Hauses', 'Haus'], other: 'Hund' },
  it: { same: ['canzoni', 'canzone'], other: 'cane' },
  pt: { same: ['meninas', 'menina'], other: 'menor' },
  nl: { same: ['boeken', 'boek'], other: 'boot' },
};

/**
 * Languages with no maintained stemmer: words stay whole (accents folded), and inflected forms meet in the
 * classifier's character n-grams instead. The README says which languages these are.
 */
const WITHOUT_STEMMER: Record<string, { forms: [string, string]; folded: [string, string] }> = {
  ca: { forms: ['cançons', 'cançó'], folded: ['cancons', 'canco'] },
  lb: { forms: ['Wieder', 'Wiederbericht'], folded: ['wieder', 'wiederbericht'] },
};

describe.each(Object.entries(WITHOUT_STEMMER))('language %s (no stemmer)', (code, { forms, folded }) => {
  const pipeline = new TextPipeline(code);

  it('keeps each word whole, accents folded, so character n-grams carry its inflections', () => {
    expect(forms.map((word) => pipeline.process(word).stems[0])).toEqual(folded);
  });
});

describe.each(BUILTIN_LANGUAGES.map((language) => [language.code, language] as const))('language %s', (code, language) => {
  const pipeline = new TextPipeline(code);

  it.skipIf(code in WITHOUT_STEMMER)('stems inflected forms to one stem and other words apart', () => {
    const family = FAMILIES[code];
    expect(family).toBeDefined();
    const stems = (family?.same ?? []).map((word) => pipeline.process(word).stems[0]);
    expect(new Set(stems).size).toBe(1);
    expect(pipeline.process(family?.other ?? '').stems[0]).not.toBe(stems[0]);
  });

  it('states every word list a recognizer needs', () => {
    expect(Object.keys(language.numberWords.values).length).toBeGreaterThan(20);
    expect(Object.keys(language.numberWords.multipliers).length).toBeGreaterThan(1);
    expect(language.booleanWords.true.length).toBeGreaterThan(0);
    expect(language.booleanWords.false.length).toBeGreaterThan(0);
    expect(language.percentWords.length).toBeGreaterThan(0);
    expect(Object.values(language.currencyWords)).toContain('EUR');
    expect(language.dateWords.length).toBeGreaterThan(20);
    // chrono-node has no Catalan or Luxembourgish parser: their dates with digits go through the default one.
    if (!(code in WITHOUT_STEMMER)) expect(language.dateParser).toBeDefined();
  });
});
