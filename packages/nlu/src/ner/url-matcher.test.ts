import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

describe('base.url', () => {
  const recognizer = new EntityRecognizer(definitionWith({ intents: [intentUsing('base.url', 'base.number')] }));
  const urls = (text: string) =>
    recognizer
      .recognize(text)
      .matches.filter((m) => m.entity === 'base.url')
      .map((m) => m.value);

  it('reads URLs with a scheme, www. or a known domain, without sentence punctuation', () => {
    expect(urls('see https://example.com/a?b=1, www.parley.dev or docs.example.org/guide.')).toEqual([
      'https://example.com/a?b=1',
      'www.parley.dev',
      'docs.example.org/guide',
    ]);
  });

  it('does not take decimals or file names for URLs', () => {
    expect(urls('version 3.5 of notes.txt')).toEqual([]);
  });
});
