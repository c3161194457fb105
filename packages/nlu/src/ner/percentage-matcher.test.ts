import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

function percentages(text: string, language = 'en') {
  const recognizer = new EntityRecognizer(definitionWith({ language, intents: [intentUsing('base.percentage', 'base.number')] }));
  return recognizer.recognize(text).matches.map((m) => [m.entity, m.value, m.fragment]);
}

describe('base.percentage', () => {
  it('reads "%" and percent words as a number', () => {
    expect(percentages('15% off, 2.5 % tax, twenty percent and 3 items')).toEqual([
      ['base.percentage', 15, '15%'],
      ['base.percentage', 2.5, '2.5 %'],
      ['base.percentage', 20, 'twenty percent'],
      ['base.number', 3, '3'],
    ]);
  });

  it('reads percent words per language', () => {
    expect(percentages('un veinte por ciento', 'es')).toEqual([['base.percentage', 20, 'veinte por ciento']]);
    expect(percentages('zehn Prozent', 'de')).toEqual([['base.percentage', 10, 'zehn Prozent']]);
  });
});
