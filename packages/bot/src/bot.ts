/**
 * The bot: BBF's DSL entry point (intents, entities, states), its NLU definition, and the pure turn functions the
 * dialogue service calls. The first definition() or session seals the bot, so the model the NLU trained on and the
 * state machine that runs can never disagree.
 */
import {
  ALL_INTENTS_SCOPE,
  BASE_ENTITY_PREFIX,
  type BotDefinition,
  DEFAULT_NLU_CONFIG,
  type EntityEntry,
  FALLBACK_INTENT,
  MODEL_ID_PATTERN,
  MODEL_ID_RULE,
  type NluConfig,
  ParleyError,
} from '@parley/domain';
import type { BotRegistry } from './bot-registry';
import { CompiledBot } from './compiled-bot';
import { checkName, definitionError } from './definition-error';
import { Entity } from './entity';
import { Intent } from './intent';
import { State, type StateBody } from './state';
import type { SessionSnapshot, TurnContext, TurnInput, TurnOutcome } from './turn';
import { TurnRunner } from './turn-runner';

export interface BotOptions {
  /** ISO 639-1 code; default `en`. */
  language?: string;
  /** NLU settings; absent ones take DEFAULT_NLU_CONFIG's. */
  config?: Partial<NluConfig>;
}

export class Bot {
  readonly name: string;
  readonly language: string;
  readonly config: Readonly<NluConfig>;
  readonly #intents = new Map<string, Intent>();
  readonly #entities = new Map<string, Entity>();
  readonly #states = new Map<string, State>();
  #globalFallbackBody: StateBody | undefined;
  #compiled: CompiledBot | undefined;
  readonly #registry: BotRegistry;

  constructor(name: string, options: BotOptions = {}) {
    checkName(name, 'bot', 'name');
    if (!MODEL_ID_PATTERN.test(name)) {
      // The name is the NLU model's id: refused here rather than when the service trains it.
      throw definitionError(`bot name '${name}' must be ${MODEL_ID_RULE} (e.g. '${suggestedName(name)}')`, 'name');
    }
    this.name = name;
    this.language = options.language ?? 'en';
    if (typeof this.language !== 'string' || !/^[a-z]{2}$/.test(this.language)) {
      const got = JSON.stringify(this.language) ?? String(this.language);
      throw definitionError(`language must be a lower-case ISO 639-1 code such as 'en', got ${got}`, 'language');
    }
    this.config = Object.freeze({
      ...DEFAULT_NLU_CONFIG,
      ...options.config,
      hyperParameters: { ...DEFAULT_NLU_CONFIG.hyperParameters, ...options.config?.hyperParameters },
    });
    this.#registry = {
      botName: name,
      assertOpen: (action) => this.#assertOpen(action),
      ownsIntent: (intent) => this.#intents.get(intent.name) === intent,
      ownsEntity: (entity) => this.#entities.get(entity.name) === entity,
      ownsState: (state) => this.#states.get(state.name) === state,
    };
  }

  get intents(): readonly Intent[] {
    return [...this.#intents.values()];
  }

  get entities(): readonly Entity[] {
    return [...this.#entities.values()];
  }

  get states(): readonly State[] {
    return [...this.#states.values()];
  }

  newIntent(name: string, trainingSentences: string[], options: { description?: string } = {}): Intent {
    this.#assertOpen(`add intent '${String(name)}'`);
    checkName(name, 'intent', 'intents');
    if (name === FALLBACK_INTENT) {
      throw definitionError(`'${FALLBACK_INTENT}' is reserved for "no intent matched"`, 'intents');
    }
    this.#checkNew(this.#intents, name, 'an intent', 'intents');
    const sentencesField = `intents.${name}.trainingSentences`;
    if (!Array.isArray(trainingSentences) || trainingSentences.some((sentence) => typeof sentence !== 'string')) {
      throw definitionError(`training sentences of intent '${name}' must be an array of strings`, sentencesField);
    }
    if (trainingSentences.length === 0 || trainingSentences.some((sentence) => sentence.trim() === '')) {
      throw definitionError(`intent '${name}' needs at least one training sentence, and none may be blank`, sentencesField);
    }
    const intent = new Intent(name, trainingSentences, options.description, this.#registry);
    this.#intents.set(name, intent);
    return intent;
  }

  /** `entries` maps each main value to its synonyms, e.g. `{ Barcelona: ['BCN', 'barna'], Madrid: [] }`. */
  newEntity(name: string, entries: Record<string, string[]>, options: { description?: string } = {}): Entity {
    this.#assertOpen(`add entity '${String(name)}'`);
    checkName(name, 'entity', 'entities');
    if (name.startsWith(BASE_ENTITY_PREFIX)) {
      const message = `entity names starting with '${BASE_ENTITY_PREFIX}' are reserved for base entities`;
      throw definitionError(message, 'entities');
    }
    this.#checkNew(this.#entities, name, 'an entity', 'entities');
    const entity = new Entity(name, entriesOf(name, entries), options);
    this.#entities.set(name, entity);
    return entity;
  }

  newState(name: string, options: { initial?: boolean } = {}): State {
    this.#assertOpen(`add state '${String(name)}'`);
    checkName(name, 'state', 'states');
    if (name === ALL_INTENTS_SCOPE) {
      throw definitionError(`'${ALL_INTENTS_SCOPE}' is reserved for the all-intents scope`, 'states');
    }
    this.#checkNew(this.#states, name, 'a state', 'states');
    const initial = options.initial ?? false;
    const existing = this.states.find((state) => state.initial);
    if (initial && existing !== undefined) {
      throw definitionError(`bot '${this.name}' already has an initial state ('${existing.name}')`, `states.${name}`);
    }
    const state = new State(name, initial, this.#registry);
    this.#states.set(name, state);
    return state;
  }

  /** The fallback body of every state that has none of its own (BBF sets it on existing states only). */
  setGlobalFallbackBody(body: StateBody): void {
    this.#assertOpen('set the global fallback body');
    if (typeof body !== 'function') {
      throw definitionError('the global fallback body must be a function', 'globalFallbackBody');
    }
    this.#globalFallbackBody = body;
  }

  /** What the NLU trains on: every intent and entity, and one scope per state with intent transitions. */
  definition(): BotDefinition {
    const compiled = this.#compile();
    return {
      name: this.name,
      language: this.language,
      intents: this.intents.map((intent) => intent.toDefinition()),
      entities: this.entities.map((entity) => entity.toDefinition()),
      scopes: compiled.scopes(),
      config: { ...this.config, hyperParameters: { ...this.config.hyperParameters } },
    };
  }

  /** A new session in the initial state: runs the initial body and what follows automatically. */
  async startSession(id: string, context: TurnContext): Promise<TurnOutcome> {
    if (typeof id !== 'string' || id === '') {
      throw new ParleyError('INVALID_ARGUMENT', 'session id must be a non-empty string', { field: 'id' });
    }
    const compiled = this.#compile();
    return new TurnRunner(compiled, { id, state: compiled.initial, variables: {} }, context).start();
  }

  /** One turn from `snapshot`, which is left untouched; the outcome holds the new snapshot. */
  async runTurn(snapshot: SessionSnapshot, input: TurnInput, context: TurnContext): Promise<TurnOutcome> {
    return new TurnRunner(this.#compile(), snapshot, context).run(input, context.predictor);
  }

  /** BBF's reset: a brand-new session with the same id (the initial body runs again). */
  async resetSession(id: string, context: TurnContext): Promise<TurnOutcome> {
    return this.startSession(id, context);
  }

  #compile(): CompiledBot {
    this.#compiled ??= new CompiledBot(this.name, this.states, this.#globalFallbackBody);
    return this.#compiled;
  }

  #assertOpen(action: string): void {
    if (this.#compiled !== undefined) {
      throw definitionError(
        `cannot ${action}: bot '${this.name}' is sealed once definition() or a session has run; ` + 'declare everything first',
        'bot',
      );
    }
  }

  #checkNew(names: ReadonlyMap<string, unknown>, name: string, what: string, field: string): void {
    if (names.has(name)) throw definitionError(`bot '${this.name}' already has ${what} named '${name}'`, field);
  }
}

/** The name with what the pattern refuses replaced: 'Weather Bot' → 'weather_bot'. */
function suggestedName(name: string): string {
  const safe = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '_')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 128);
  return safe === '' ? 'my_bot' : safe;
}

function entriesOf(entity: string, entries: Record<string, string[]>): EntityEntry[] {
  const field = `entities.${entity}.entries`;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw definitionError(`entries of entity '${entity}' must map each value to its synonyms`, field);
  }
  if (Object.keys(entries).length === 0) throw definitionError(`entity '${entity}' needs at least one entry`, field);
  return Object.entries(entries).map(([value, synonyms]) => {
    checkName(value, `value of entity '${entity}'`, field);
    if (!Array.isArray(synonyms) || synonyms.some((synonym) => typeof synonym !== 'string' || synonym.trim() === '')) {
      const message = `synonyms of '${value}' in entity '${entity}' must be an array of non-empty strings`;
      throw definitionError(message, field);
    }
    return { value, synonyms: [...synonyms] };
  });
}
