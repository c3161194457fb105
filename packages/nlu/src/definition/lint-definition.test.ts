import { describe, expect, it } from 'vitest';
import { lintDefinition } from './lint-definition';
import { parseDefinition } from './parse-definition';

describe('lintDefinition', () => {
  it('has nothing to say about clean data', () => {
    const definition = parseDefinition({
      name: 'clean',
      intents: [
        { name: 'hello', trainingSentences: ['hi', 'hello', 'hey there'] },
        { name: 'bye', trainingSentences: ['bye', 'goodbye', 'see you'] },
      ],
    });
    expect(lintDefinition(definition)).toEqual([]);
  });

  it('warns about one utterance under two intents, ignoring case and punctuation', () => {
    const definition = parseDefinition({
      name: 'dup',
      intents: [
        { name: 'hello', trainingSentences: ['Hi there!', 'hello', 'hey'] },
        { name: 'bye', trainingSentences: ['hi there', 'goodbye', 'see you'] },
      ],
    });
    const warnings = lintDefinition(definition);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('hello, bye');
  });

  it('warns about intents with fewer than 3 examples', () => {
    const definition = parseDefinition({
      name: 'few',
      intents: [
        { name: 'hello', trainingSentences: ['hi', 'hello'] },
        { name: 'bye', trainingSentences: ['bye', 'goodbye', 'see you'] },
      ],
    });
    expect(lintDefinition(definition)).toEqual([expect.stringContaining('intent "hello" has 2 training sentence')]);
  });

  it('warns about fragment-like words that no parameter declares', () => {
    const definition = parseDefinition({
      name: 'frag',
      intents: [
        {
          name: 'weather',
          trainingSentences: ['weather in CITY on DATE', 'weather in CITY', 'forecast for CITY'],
          parameters: [{ name: 'city', fragment: 'CITY', entity: 'base.any' }],
        },
      ],
    });
    const warnings = lintDefinition(definition);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"DATE"');
  });
});
