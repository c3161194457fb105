/**
 * definition.schema.json (published for editors, checked by `parley train`) agrees with parseDefinition: what one
 * accepts the other accepts, and the malformed definitions both refuse.
 */
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '@parley/nlu';
import schema from '@parley/nlu/definition.schema.json';

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const minimal = { name: 'b', intents: [{ name: 'hi', trainingSentences: ['hello'] }] };

/** Every field there is. */
const full = {
  $schema: './node_modules/@parley/nlu/definition.schema.json',
  name: 'weather_bot.v2',
  language: 'lb',
  intents: [
    { name: 'hi', description: 'a greeting', trainingSentences: ['moien', 'salut'] },
    {
      name: 'weather',
      trainingSentences: ['Wieder zu CITY', 'wéi vill Grad an CITY muer'],
      parameters: [
        { name: 'city', fragment: 'CITY', entity: 'city' },
        { name: 'when', fragment: 'muer', entity: 'base.datetime' },
      ],
    },
  ],
  entities: [{ name: 'city', description: 'towns', entries: [{ value: 'Luxembourg', synonyms: ['Lëtzebuerg'] }, { value: 'Esch' }] }],
  scopes: [{ name: 'waiting', intents: ['hi', 'weather'] }],
  config: { threshold: 0.5, ambiguityMargin: 0.1, seed: 7, timezone: 'Europe/Luxembourg', hyperParameters: { epochs: 3, dropout: 0.2 } },
};

describe('definition.schema.json', () => {
  it.each([
    ['minimal', minimal],
    ['every field', full],
  ])('accepts what parseDefinition accepts: %s', (_name, definition) => {
    const { $schema: _editorHint, ...definition_ } = definition as { $schema?: string };
    expect(() => parseDefinition(definition_)).not.toThrow();
    expect(validate(definition), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['a name with a space', { ...minimal, name: 'Weather Bot' }],
    ['no intents', { ...minimal, intents: [] }],
    ['an intent without sentences', { ...minimal, intents: [{ name: 'hi', trainingSentences: [] }] }],
    ['a sentence without words', { ...minimal, intents: [{ name: 'hi', trainingSentences: ['?!'] }] }],
    ['the reserved fallback intent', { ...minimal, intents: [{ name: 'fallback_intent', trainingSentences: ['hi'] }] }],
    ['a base. entity name', { ...minimal, entities: [{ name: 'base.x', entries: [{ value: 'a' }] }] }],
    ['an unknown field', { ...minimal, intent: [] }],
    ['a threshold above 1', { ...minimal, config: { threshold: 2 } }],
    ['a fractional seed', { ...minimal, config: { seed: 1.5 } }],
    ['an unknown hyper-parameter', { ...minimal, config: { hyperParameters: { epoch: 3 } } }],
    ['a snake_case field', { name: 'b', intents: [{ name: 'hi', training_sentences: ['hello'] }] }],
  ])('refuses what parseDefinition refuses: %s', (_name, definition) => {
    expect(() => parseDefinition(definition)).toThrow();
    expect(validate(definition)).toBe(false);
  });

  it('takes issue 11 config fields: an encoder and no threshold', () => {
    expect(validate({ ...minimal, config: { encoder: 'use-lite' } })).toBe(true);
    expect(validate({ ...minimal, config: { encoder: 'bert' } })).toBe(false);
  });
});
