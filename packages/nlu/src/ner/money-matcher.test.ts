import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

function money(text: string, language = 'en') {
  const recognizer = new EntityRecognizer(definitionWith({ language, intents: [intentUsing('base.money', 'base.number')] }));
  return recognizer
    .recognize(text)
    .matches.filter((m) => m.entity === 'base.money')
    .map((m) => [m.value, m.info, m.fragment]);
}

describe('base.money', () => {
  it.each([
    ['it costs $20', [[20, { currency: 'USD' }, '$20']]],
    ['20 euros please', [[20, { currency: 'EUR' }, '20 euros']]],
    ['€ 5.50', [[5.5, { currency: 'EUR' }, '€ 5.50']]],
    [
      '£1,250.75 or 30 USD',
      [
        [1250.75, { currency: 'GBP' }, '£1,250.75'],
        [30, { currency: 'USD' }, '30 USD'],
      ],
    ],
    ['twenty dollars', [[20, { currency: 'USD' }, 'twenty dollars']]],
    ['EUR 12', [[12, { currency: 'EUR' }, 'EUR 12']]],
  ])('reads "%s"', (text, expected) => {
    expect(money(text)).toEqual(expected);
  });

  it('reads amounts with the language decimal separator and currency words', () => {
    expect(money('cuesta 5,50 € o veinte dólares', 'es')).toEqual([
      [5.5, { currency: 'EUR' }, '5,50 €'],
      [20, { currency: 'USD' }, 'veinte dólares'],
    ]);
  });

  it('leaves a number without a currency to base.number', () => {
    const recognizer = new EntityRecognizer(definitionWith({ intents: [intentUsing('base.money', 'base.number')] }));
    expect(recognizer.recognize('3 tickets for $20').matches.map((m) => [m.entity, m.value])).toEqual([
      ['base.number', 3],
      ['base.money', 20],
    ]);
  });
});
