import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { normalisePhone } from './phone-matcher';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

const recognizer = new EntityRecognizer(definitionWith({ intents: [intentUsing('base.phone', 'base.number', 'base.datetime')] }));
const found = (text: string) =>
  recognizer.recognize(text, new Date('2024-03-14T10:00:00Z')).matches.map((m) => [m.entity, m.value, m.fragment]);

describe('base.phone', () => {
  it.each([
    ['call +34 600 123 456', '+34600123456', '+34 600 123 456'],
    ['call 0034 600123456', '+34600123456', '0034 600123456'],
    ['(555) 123-4567', '5551234567', '(555) 123-4567'],
    ['600.123.456', '600123456', '600.123.456'],
    ['my number is 612345678', '612345678', '612345678'],
  ])('reads "%s" as %s', (text, value, fragment) => {
    expect(found(text)).toEqual([['base.phone', value, fragment]]);
  });

  it('stops before a number that does not belong to it', () => {
    expect(found('+34 600 123 456 2 pizzas')).toEqual([
      ['base.phone', '+34600123456', '+34 600 123 456'],
      ['base.number', 2, '2'],
    ]);
  });

  it('leaves dates, times, short numbers and lists alone', () => {
    expect(found('2023-09-14 08:30').map(([entity]) => entity)).toEqual(['base.datetime']);
    expect(found('1500000 people')).toEqual([['base.number', 1500000, '1500000']]);
    expect(normalisePhone('1 2 3 4 5 6 7')).toBeUndefined();
    expect(normalisePhone('12345')).toBeUndefined();
  });
});
