import { describe, expect, it } from 'vitest';
import { getLanguage } from '../languages/language-registry';
import { foldWord } from '../text/fold-text';
import { wordTokens } from '../text/word-tokens';
import { EntityRecognizer } from './entity-recognizer';
import { NumberScanner } from './number-scanner';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

function numbersIn(code: string, text: string): number[] {
  const folded = foldWord(text);
  return new NumberScanner(getLanguage(code)).scan(folded, wordTokens(folded)).map((span) => span.value);
}

describe('NumberScanner', () => {
  it.each([
    ['en', 'five', [5]],
    ['en', 'twenty five, twenty-six and ninety nine', [25, 26, 99]],
    ['en', 'one hundred and five', [105]],
    ['en', 'two million three hundred thousand and five', [2_300_005]],
    ['en', 'minus three', [-3]],
    ['en', 'two three', [2, 3]],
    ['en', 'two and three', [2, 3]],
    ['en', '2 million', [2_000_000]],
    ['es', 'cinco', [5]],
    ['es', 'veintitrés y treinta y cinco', [23, 35]],
    ['es', 'dos mil trescientos cuarenta', [2340]],
    ['es', 'ciento uno, cien, mil millones', [101, 100, 1_000_000_000]],
    ['es', 'menos cinco', [-5]],
    ['fr', 'vingt', [20]],
    ['fr', 'vingt et un, soixante-dix, soixante et onze', [21, 70, 71]],
    ['fr', 'quatre-vingts, quatre-vingt-dix-sept, dix-sept', [80, 97, 17]],
    ['fr', 'deux cents, trois mille', [200, 3000]],
    ['de', 'fünf und dreiundzwanzig', [5, 23]],
    ['de', 'zweihundertfünfundzwanzig', [225]],
    ['de', 'eine Million', [1_000_000]],
    ['it', 'ventitré, ventuno, ventotto', [23, 21, 28]],
    ['it', 'duemila, centottanta, tremilacinquecento', [2000, 180, 3500]],
    ['pt', 'vinte e cinco, cento e vinte, três', [25, 120, 3]],
    ['pt', 'dois mil e quinhentos', [2500]],
    ['nl', 'drieëntwintig, tweehonderd, vijf', [23, 200, 5]],
    ['ca', 'vint-i-dos, trenta-cinc, dotze', [22, 35, 12]],
    ['ca', 'dos mil', [2000]],
    ['lb', 'véieranzwanzeg, zwielef, dräi', [24, 12, 3]],
    ['lb', 'zweehonnert', [200]],
  ])('%s: "%s" → %j', (code, text, values) => {
    expect(numbersIn(code, text)).toEqual(values);
  });

  it('does not take an article alone for one', () => {
    expect(numbersIn('es', 'quiero un café')).toEqual([]);
    expect(numbersIn('fr', 'une pomme')).toEqual([]);
    expect(numbersIn('de', 'ein Bier')).toEqual([]);
    expect(numbersIn('nl', 'een boek')).toEqual([]);
    expect(numbersIn('es', 'veintiún años y un millón')).toEqual([21, 1_000_000]);
  });

  it('leaves words that merely contain number words alone', () => {
    expect(numbersIn('de', 'Achtung, einen Moment')).toEqual([]);
    expect(numbersIn('it', 'ottobre, treno')).toEqual([]);
    expect(numbersIn('en', 'someone often')).toEqual([]);
  });

  it.each([
    ['en', '3, 3.5, -2, 1,000 and 1,000.25', [3, 3.5, -2, 1000, 1000.25]],
    ['en', '3,5', [3.5]],
    ['es', '3,5 y 1.000 y 1.000,25 y 3.5', [3.5, 1000, 1000.25, 3.5]],
    ['de', '−4 und +7', [-4, 7]],
  ])('%s: numerals "%s" → %j', (code, text, values) => {
    expect(numbersIn(code, text)).toEqual(values);
  });

  it('does not read digits glued to letters or a hyphen between numbers as a sign', () => {
    expect(numbersIn('en', 'at 5pm, room B12, 5-3')).toEqual([5, 3]);
  });
});

describe('base.number', () => {
  it('gives JS numbers and the fragment as written', () => {
    const recognizer = new EntityRecognizer(definitionWith({ language: 'es', intents: [intentUsing('base.number', 'base.number')] }));
    const recognition = recognizer.recognize('Quiero Veintitrés cervezas y 2,5 litros');
    expect(recognition.text).toBe('Quiero ENT_BASE_NUMBER cervezas y ENT_BASE_NUMBER litros');
    expect(recognition.matches.map((m) => [m.value, m.fragment])).toEqual([
      [23, 'Veintitrés'],
      [2.5, '2,5'],
    ]);
  });
});
