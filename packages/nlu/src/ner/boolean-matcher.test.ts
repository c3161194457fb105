import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

function booleans(text: string, language = 'en') {
  const recognizer = new EntityRecognizer(definitionWith({ language, intents: [intentUsing('base.boolean')] }));
  return recognizer.recognize(text).matches.map((m) => [m.value, m.fragment]);
}

describe('base.boolean', () => {
  it('reads yes and no words, the longest phrase first', () => {
    expect(booleans('Yes! well... of course not')).toEqual([
      [true, 'Yes'],
      [false, 'of course not'],
    ]);
  });

  it.each([
    ['es', 'claro que sí', true],
    ['es', 'no, gracias', false],
    ['fr', "d'accord", true],
    ['de', 'nein', false],
    ['it', 'va bene', true],
    ['pt', 'não', false],
    ['nl', 'ja hoor', true],
  ])('%s: "%s" → %s', (language, text, value) => {
    expect(booleans(text, language).map(([v]) => v)).toEqual([value]);
  });

  it('matches whole words only', () => {
    expect(booleans('yesterday nobody knew')).toEqual([]);
  });
});
