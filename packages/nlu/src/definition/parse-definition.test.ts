import { describe, expect, it } from 'vitest';
import { DEFAULT_NLU_CONFIG, ParleyError } from '@parley/domain';
import { parseDefinition } from './parse-definition';

function weatherBot(): Record<string, unknown> {
  return {
    name: 'weather',
    intents: [
      { name: 'hello', trainingSentences: ['hi', 'hello', 'good morning'] },
      {
        name: 'weather',
        trainingSentences: ['what is the weather in CITY', 'weather in CITY please', 'is it raining in CITY'],
        parameters: [{ name: 'city', fragment: 'CITY', entity: 'city' }],
      },
      {
        name: 'count',
        trainingSentences: ['I want NUM apples'],
        parameters: [{ name: 'amount', fragment: 'NUM', entity: 'base.number' }],
      },
    ],
    entities: [{ name: 'city', entries: [{ value: 'Barcelona', synonyms: ['BCN'] }, { value: 'Paris' }] }],
    scopes: [{ name: 'initial', intents: ['hello'] }],
  };
}

function errorOf(input: unknown): ParleyError {
  try {
    parseDefinition(input);
  } catch (error) {
    if (error instanceof ParleyError) return error;
    throw error;
  }
  throw new Error('parseDefinition accepted the input');
}

describe('parseDefinition', () => {
  it('accepts a valid definition and fills defaults', () => {
    const definition = parseDefinition(weatherBot());
    expect(definition.language).toBe('en');
    expect(definition.config).toEqual(DEFAULT_NLU_CONFIG);
    expect(definition.intents[0]).toEqual({ name: 'hello', trainingSentences: ['hi', 'hello', 'good morning'], parameters: [] });
    expect(definition.entities[0]?.entries[1]).toEqual({ value: 'Paris', synonyms: [] });
    expect(definition.scopes).toEqual([{ name: 'initial', intents: ['hello'] }]);
  });

  it('keeps explicit config values and fills the missing ones', () => {
    const definition = parseDefinition({ ...weatherBot(), config: { threshold: 0.6, seed: 7, timezone: 'Europe/Madrid' } });
    expect(definition.config).toEqual({ ...DEFAULT_NLU_CONFIG, threshold: 0.6, seed: 7, timezone: 'Europe/Madrid' });
  });

  it.each([
    [{ config: { threshold: 1.5 } }, 'config.threshold'],
    [{ config: { threshold: -0.1 } }, 'config.threshold'],
    [{ config: { timezone: 'Mars/Olympus' } }, 'config.timezone'],
    [{ config: { seed: 1.5 } }, 'config.seed'],
    [{ name: 'bad name/..' }, 'name'],
    [{ language: 'english' }, 'language'],
    [{ intents: [] }, 'intents'],
    [{ intents: [{ name: 'x', trainingSentences: [] }] }, 'intents[0].trainingSentences'],
    [{ intents: [{ name: 'x', trainingSentences: ['  '] }] }, 'intents[0].trainingSentences[0]'],
    [{ intents: [{ name: 'x', trainingSentences: ['hi'], examples: ['hi'] }] }, 'intents[0]'],
  ])('rejects %j naming %s', (patch, field) => {
    const error = errorOf({ ...weatherBot(), ...patch });
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it.each([
    [{ epoch: 5 }, 'config.hyperParameters.epoch', /is unknown/],
    [{ dropout: 3 }, 'config.hyperParameters.dropout', /must be a number in \[0, 1\)/],
    [{ epochs: 2.5 }, 'config.hyperParameters.epochs', /must be a whole number ≥ 1/],
    [{ learningRate: -1 }, 'config.hyperParameters.learningRate', /must be a number ≥ 0/],
    [{ charMin: 5, charMax: 4 }, 'config.hyperParameters.charMin', /must not exceed charMax/],
  ])('refuses the hyper-parameters %j by the classifier’s rules, naming %s', (hyperParameters, field, rule) => {
    const error = errorOf({ ...weatherBot(), config: { hyperParameters } });
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toMatch(rule);
  });

  it('keeps valid hyper-parameter overrides', () => {
    const definition = parseDefinition({ ...weatherBot(), config: { hyperParameters: { epochs: 8, dropout: 0.2 } } });
    expect(definition.config.hyperParameters).toEqual({ epochs: 8, dropout: 0.2 });
  });

  it('names the parameter whose entity is unknown', () => {
    const input = weatherBot();
    (input.intents as Array<Record<string, unknown>>)[2] = {
      name: 'count',
      trainingSentences: ['I want NUM apples'],
      parameters: [{ name: 'amount', fragment: 'NUM', entity: 'base.colour' }],
    };
    const error = errorOf(input);
    expect(error.field).toBe('intents[2].parameters[0].entity');
    expect(error.message).toContain('base.colour');
  });

  it('names a fragment absent from every training sentence', () => {
    const input = weatherBot();
    (input.intents as Array<Record<string, unknown>>)[1] = {
      name: 'weather',
      trainingSentences: ['weather please'],
      parameters: [{ name: 'city', fragment: 'CITY', entity: 'city' }],
    };
    expect(errorOf(input).field).toBe('intents[1].parameters[0].fragment');
  });

  it('names a training sentence without words (punctuation, symbols), which leaves nothing to learn from', () => {
    const input = weatherBot();
    (input.intents as Array<Record<string, unknown>>)[0] = { name: 'hello', trainingSentences: ['hi', '!!!'] };
    const error = errorOf(input);
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.field).toBe('intents[0].trainingSentences[1]');
    expect(error.message).toContain('has no words');
    for (const noWords of ['?!', '🙂 🙂', '—', '...']) {
      (input.intents as Array<Record<string, unknown>>)[0] = { name: 'hello', trainingSentences: [noWords] };
      expect(errorOf(input).field).toBe('intents[0].trainingSentences[0]');
    }
    for (const words of ['ok!', '42', 'ça va ?', '你好']) {
      (input.intents as Array<Record<string, unknown>>)[0] = { name: 'hello', trainingSentences: [words] };
      expect(parseDefinition(input).intents[0]?.trainingSentences).toEqual([words]);
    }
  });

  it('rejects duplicate intent, entity and parameter names', () => {
    const input = weatherBot();
    const intents = input.intents as unknown[];
    expect(errorOf({ ...input, intents: [...intents, intents[0]] }).field).toBe('intents[3].name');
    const entities = input.entities as unknown[];
    expect(errorOf({ ...input, entities: [...entities, entities[0]] }).field).toBe('entities[1].name');
    const twice = { name: 'p', fragment: 'NUM', entity: 'base.number' };
    const intent = { name: 'count', trainingSentences: ['NUM'], parameters: [twice, twice] };
    expect(errorOf({ ...input, intents: [intent] }).field).toBe('intents[0].parameters[1].name');
  });

  it('rejects scopes naming unknown intents and the reserved scope and intent names', () => {
    expect(errorOf({ ...weatherBot(), scopes: [{ name: 's', intents: ['hello', 'nope'] }] }).field).toBe('scopes[0].intents[1]');
    expect(errorOf({ ...weatherBot(), scopes: [{ name: '*', intents: ['hello'] }] }).field).toBe('scopes[0].name');
    const fallback = { name: 'fallback_intent', trainingSentences: ['x'] };
    expect(errorOf({ ...weatherBot(), intents: [fallback] }).field).toBe('intents[0].name');
  });

  it('reports non-objects as a whole-definition problem', () => {
    expect(errorOf('not a definition').field).toBe('definition');
    expect(errorOf(null).code).toBe('INVALID_DEFINITION');
  });
});
