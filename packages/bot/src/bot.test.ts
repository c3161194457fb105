import { DEFAULT_NLU_CONFIG, ParleyError } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { baseEntities } from './base-entities';
import { Bot } from './bot';

/** Runs `define` and returns the INVALID_DEFINITION error it must throw. */
function definitionErrorOf(define: () => unknown): ParleyError {
  try {
    define();
  } catch (error) {
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe('INVALID_DEFINITION');
    return error as ParleyError;
  }
  throw new Error('expected a definition error');
}

describe('bot.definition()', () => {
  it('lists intents, custom entities, language, merged config and one scope per state with intent transitions', () => {
    const bot = new Bot('weather', { language: 'es', config: { threshold: 0.6, hyperParameters: { epochs: 10 } } });
    const city = bot.newEntity('city_entity', { Barcelona: ['BCN', 'barna'], Madrid: [] }, { description: 'cities' });
    const weather = bot
      .newIntent('weather_intent', ['weather in CITY', 'weather in CITY in NUM days'], {
        description: 'asks the weather',
      })
      .parameter('city1', 'CITY', city)
      .parameter('days', 'NUM', baseEntities.number);
    const bye = bot.newIntent('bye_intent', ['bye']);
    const s0 = bot.newState('s0', { initial: true });
    const answer = bot.newState('answer');
    const fallbackOnly = bot.newState('fallback_only');
    s0.whenVariableMatchesOperation('x', '==', 1).goTo(answer);
    s0.whenIntentMatched(weather).goTo(answer);
    s0.whenIntentMatched(bye).goTo(fallbackOnly);
    answer.goTo(s0);
    fallbackOnly.whenNoIntentMatched().goTo(s0);

    expect(bot.definition()).toEqual({
      name: 'weather',
      language: 'es',
      intents: [
        {
          name: 'weather_intent',
          description: 'asks the weather',
          trainingSentences: ['weather in CITY', 'weather in CITY in NUM days'],
          parameters: [
            { name: 'city1', fragment: 'CITY', entity: 'city_entity' },
            { name: 'days', fragment: 'NUM', entity: 'base.number' },
          ],
        },
        { name: 'bye_intent', trainingSentences: ['bye'], parameters: [] },
      ],
      entities: [
        {
          name: 'city_entity',
          description: 'cities',
          entries: [
            { value: 'Barcelona', synonyms: ['BCN', 'barna'] },
            { value: 'Madrid', synonyms: [] },
          ],
        },
      ],
      scopes: [{ name: 's0', intents: ['weather_intent', 'bye_intent'] }],
      config: { ...DEFAULT_NLU_CONFIG, threshold: 0.6, hyperParameters: { epochs: 10 } },
    });
  });

  it('defaults to English and the default NLU config', () => {
    const bot = new Bot('b');
    bot.newState('only', { initial: true });
    const definition = bot.definition();
    expect(definition.language).toBe('en');
    expect(definition.config).toEqual(DEFAULT_NLU_CONFIG);
    expect(definition.scopes).toEqual([]);
  });

  it('adds global intents to the scopes of the states BBF wires, not to component or automatic states', () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hi']);
    const help = bot.newIntent('help', ['help']);
    const s0 = bot.newState('s0', { initial: true });
    const s1 = bot.newState('s1');
    const auto = bot.newState('auto');
    const terminal = bot.newState('terminal');
    const helpState = bot.newState('help_state');
    const helpEnd = bot.newState('help_end');
    s0.whenIntentMatched(hello).goTo(s1);
    s1.whenNoIntentMatched().goTo(auto);
    auto.goTo(terminal);
    helpState.setGlobal(help);
    helpState.whenVariableMatchesOperation('x', '==', 1).goTo(helpEnd);

    expect(bot.definition().scopes).toEqual([
      { name: 's0', intents: ['hello', 'help'] },
      { name: 's1', intents: ['help'] },
      { name: 'terminal', intents: ['help'] },
    ]);
  });

  it('names the base entities base.<kind>', () => {
    expect(Object.values(baseEntities).map((entity) => entity.name)).toEqual([
      'base.number',
      'base.datetime',
      'base.email',
      'base.url',
      'base.percentage',
      'base.money',
      'base.boolean',
      'base.phone',
      'base.any',
    ]);
  });

  it('needs exactly one initial state', () => {
    const bot = new Bot('b');
    bot.newState('a');
    expect(definitionErrorOf(() => bot.definition()).message).toMatch(/exactly one initial state.*found 0/);
    bot.newState('b', { initial: true });
    const second = definitionErrorOf(() => bot.newState('c', { initial: true }));
    expect(second.message).toMatch(/already has an initial state \('b'\)/);
  });

  it('refuses a cycle of automatic transitions, naming it', () => {
    const bot = new Bot('b');
    const [a, b, c] = [bot.newState('a', { initial: true }), bot.newState('b'), bot.newState('c')];
    a.goTo(b);
    b.goTo(c);
    c.goTo(b);
    expect(definitionErrorOf(() => bot.definition()).message).toMatch(/loop forever: b → c → b/);
  });

  it('is sealed once its definition is taken', () => {
    const bot = new Bot('b');
    const a = bot.newState('a', { initial: true });
    bot.definition();
    expect(definitionErrorOf(() => bot.newState('late')).message).toMatch(/sealed/);
    expect(definitionErrorOf(() => a.goTo(a)).message).toMatch(/sealed/);
    expect(definitionErrorOf(() => a.setBody(() => undefined)).message).toMatch(/sealed/);
  });
});

describe('definition-time errors', () => {
  it('refuses duplicate and reserved names', () => {
    const bot = new Bot('b');
    bot.newIntent('hello', ['hi']);
    bot.newEntity('city', { Paris: [] });
    bot.newState('s', { initial: true });
    const duplicate = definitionErrorOf(() => bot.newIntent('hello', ['hey']));
    expect(duplicate.message).toMatch(/already has an intent named 'hello'/);
    expect(definitionErrorOf(() => bot.newEntity('city', {})).field).toBe('entities');
    expect(definitionErrorOf(() => bot.newState('s')).message).toMatch(/already has a state named 's'/);
    expect(definitionErrorOf(() => bot.newIntent('fallback_intent', [])).message).toMatch(/reserved/);
    expect(definitionErrorOf(() => bot.newEntity('base.number', {})).message).toMatch(/reserved/);
    expect(definitionErrorOf(() => bot.newState('*')).message).toMatch(/reserved/);
    expect(definitionErrorOf(() => bot.newState('')).message).toMatch(/non-empty/);
    expect(definitionErrorOf(() => new Bot('')).field).toBe('name');
  });

  it('refuses malformed intents and entities', () => {
    const bot = new Bot('b');
    const city = bot.newEntity('city', { Paris: ['paname'] });
    const intent = bot.newIntent('weather', ['weather in CITY']).parameter('city', 'CITY', city);
    expect(definitionErrorOf(() => intent.parameter('city', 'TOWN', city)).message).toMatch(/already has a parameter/);
    expect(definitionErrorOf(() => intent.parameter('town', '', city)).field).toBe('intents.weather.parameters');
    const foreign = new Bot('other').newEntity('city', { Rome: [] });
    expect(definitionErrorOf(() => intent.parameter('town', 'TOWN', foreign)).message).toMatch(/entity of bot 'b'/);
    const notSentences = 'hi' as unknown as string[];
    expect(definitionErrorOf(() => bot.newIntent('x', notSentences)).field).toBe('intents.x.trainingSentences');
    const notSynonyms = 'a' as unknown as string[];
    expect(definitionErrorOf(() => bot.newEntity('e', { A: notSynonyms })).message).toMatch(/synonyms of 'A'/);
    expect(definitionErrorOf(() => bot.newIntent('empty', [])).message).toMatch(/intent 'empty' needs at least one training sentence/);
    expect(definitionErrorOf(() => bot.newIntent('blank', ['hi', ' '])).field).toBe('intents.blank.trainingSentences');
    expect(definitionErrorOf(() => bot.newEntity('none', {})).message).toMatch(/entity 'none' needs at least one entry/);
    const where = bot.newIntent('where', ['where is CITY']);
    expect(definitionErrorOf(() => where.parameter('town', 'TOWN', city)).message).toBe(
      "fragment 'TOWN' of parameter 'town' appears in no training sentence of intent 'where'",
    );
  });

  it('refuses a bot name the NLU cannot take as a model id, and a language that is not an ISO 639-1 code, where they are written', () => {
    const spaced = definitionErrorOf(() => new Bot('Weather Bot'));
    expect(spaced.field).toBe('name');
    expect(spaced.message).toBe(
      `bot name 'Weather Bot' must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. 'weather_bot')`,
    );
    expect(definitionErrorOf(() => new Bot('-bot')).message).toMatch(/starting with a letter or digit/);
    expect(definitionErrorOf(() => new Bot('b'.repeat(129))).field).toBe('name');
    expect(new Bot('Weather.Bot-2_x').name).toBe('Weather.Bot-2_x');
    expect(definitionErrorOf(() => new Bot('b', { language: 'English' })).message).toBe(
      `language must be a lower-case ISO 639-1 code such as 'en', got "English"`,
    );
  });

  it('refuses an automatic transition mixed with others, in either order', () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hi']);
    const [a, b, c] = [bot.newState('a', { initial: true }), bot.newState('b'), bot.newState('c')];
    a.goTo(b);
    expect(definitionErrorOf(() => a.whenIntentMatched(hello).goTo(c)).message).toMatch(/must be its only transition/);
    b.whenIntentMatched(hello).goTo(c);
    expect(definitionErrorOf(() => b.goTo(c)).message).toMatch(/already has transitions/);
    expect(definitionErrorOf(() => a.goTo(c)).field).toBe('states.a.transitions');
  });

  it('refuses a second transition on one intent, and a second no-intent transition', () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hi']);
    const [a, b] = [bot.newState('a', { initial: true }), bot.newState('b')];
    a.whenIntentMatched(hello).goTo(b);
    a.whenNoIntentMatched().goTo(b);
    const again = definitionErrorOf(() => a.whenIntentMatched(hello).goTo(a));
    expect(again.message).toMatch(/already has a transition on intent 'hello'/);
    expect(definitionErrorOf(() => a.whenNoIntentMatched().goTo(a)).message).toMatch(/no intent matched/);
  });

  it('refuses intents and states of another bot', () => {
    const bot = new Bot('b');
    const other = new Bot('other');
    const a = bot.newState('a', { initial: true });
    const foreignIntent = other.newIntent('hello', ['hi']);
    expect(definitionErrorOf(() => a.whenIntentMatched(foreignIntent)).message).toMatch(/not in bot 'b'/);
    expect(definitionErrorOf(() => a.goTo(other.newState('x'))).message).toMatch(/state that is not in bot 'b'/);
    expect(definitionErrorOf(() => a.setGlobal(other.newIntent('help', ['help']))).message).toMatch(/not in bot 'b'/);
  });

  it('refuses bad operations, targets, file types, event names, bodies and double global', () => {
    const bot = new Bot('b');
    const help = bot.newIntent('help', ['help']);
    const a = bot.newState('a', { initial: true });
    const badOperation = '=~' as '==';
    const operationError = definitionErrorOf(() => a.whenVariableMatchesOperation('x', badOperation, 1));
    expect(operationError.message).toMatch(/must be one of/);
    const date = new Date() as never;
    expect(definitionErrorOf(() => a.whenVariableMatchesOperation('x', '==', date)).message).toMatch(/JSON/);
    expect(definitionErrorOf(() => a.whenVariableMatchesOperation('', '==', 1)).message).toMatch(/variable name/);
    expect(definitionErrorOf(() => a.whenFileReceived([])).message).toMatch(/MIME/);
    expect(definitionErrorOf(() => a.whenEvent('')).message).toMatch(/event name/);
    expect(definitionErrorOf(() => a.whenEvent('e', 'yes' as never)).message).toMatch(/predicate/);
    expect(definitionErrorOf(() => a.setBody('hello' as never)).field).toBe('states.a.body');
    expect(definitionErrorOf(() => bot.setGlobalFallbackBody(undefined as never)).field).toBe('globalFallbackBody');
    a.setGlobal(help);
    expect(definitionErrorOf(() => a.setGlobal(help)).message).toMatch(/already global/);
  });

  it('keeps transitions in definition order', () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hi']);
    const [a, b] = [bot.newState('a', { initial: true }), bot.newState('b')];
    a.whenFileReceived('image/png').goTo(b);
    a.whenIntentMatched(hello).goTo(b);
    a.whenEvent('ping').goTo(b);
    a.whenVariableMatchesOperation('n', '>', 2).goTo(b);
    a.whenNoIntentMatched().goTo(a);
    expect(a.transitions.map((transition) => transition.condition.kind)).toEqual([
      'file_received',
      'intent_matched',
      'event',
      'variable_matches_operation',
      'no_intent_matched',
    ]);
  });
});
