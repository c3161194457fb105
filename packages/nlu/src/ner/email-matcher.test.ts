import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

describe('base.email', () => {
  const recognizer = new EntityRecognizer(definitionWith({ intents: [intentUsing('base.email', 'base.url')] }));

  it('reads an address as written, before any url', () => {
    const recognition = recognizer.recognize('Write to Ana.Lopez+bots@Example.co.uk. Thanks');
    expect(recognition.matches.map((m) => [m.entity, m.value])).toEqual([['base.email', 'Ana.Lopez+bots@Example.co.uk']]);
    expect(recognition.text).toBe('Write to ENT_BASE_EMAIL. Thanks');
  });

  it('needs a domain with a dot', () => {
    expect(recognizer.recognize('ping me @home or at user@localhost').matches).toEqual([]);
  });
});
