/**
 * The bot model definition the NLU trains on: intents, entities, scopes, language and config.
 * It is plain data (JSON/YAML), shared by the bot DSL, the NLU package and both services.
 */

/** Base entities are named `base.<kind>` in intent parameters, as BBF names them. */
export const BASE_ENTITIES = ['number', 'datetime', 'email', 'url', 'percentage', 'money', 'boolean', 'phone', 'any'] as const;
export type BaseEntityKind = (typeof BASE_ENTITIES)[number];
export const BASE_ENTITY_PREFIX = 'base.';

/** A bot's name is its model id, which names a directory in the model registry: safe file-name characters only. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** What MODEL_ID_PATTERN asks for, in words, for error messages. */
export const MODEL_ID_RULE = '1-128 letters, digits, ".", "_" or "-", starting with a letter or digit';

export interface EntityEntry {
  /** The main value; every synonym maps to it. */
  value: string;
  synonyms: string[];
}

export interface EntityDefinition {
  name: string;
  description?: string;
  entries: EntityEntry[];
}

export interface IntentParameter {
  /** Name of the parameter, e.g. `city1`. */
  name: string;
  /** Literal text in the training sentences that marks where the entity goes, e.g. `CITY`. */
  fragment: string;
  /** A custom entity name, or `base.number`, `base.datetime`, … */
  entity: string;
}

export interface IntentDefinition {
  name: string;
  description?: string;
  trainingSentences: string[];
  parameters: IntentParameter[];
}

/** A scope names the intents one dialogue state can match. */
export interface ScopeDefinition {
  name: string;
  intents: string[];
}

/** Which pretrained sentence encoder a model uses beside its n-gram bag: 'auto' decides by language (see @parley/nlu). */
export const ENCODER_CHOICES = ['auto', 'none', 'use-lite'] as const;
export type EncoderChoice = (typeof ENCODER_CHOICES)[number];

export interface NluConfig {
  /**
   * Best score below this gives fallback_intent (LOW_CONFIDENCE). Absent: each model picks its own from its training
   * phrases (cross-validation, see @parley/nlu's README).
   */
  threshold?: number;
  /** The pretrained sentence encoder; default 'auto'. */
  encoder: EncoderChoice;
  /** Top score minus the second below this gives fallback_intent (AMBIGUOUS). 0 turns it off. */
  ambiguityMargin: number;
  /** Seed of every random choice in training: same definition + seed → identical scores. */
  seed: number;
  /** IANA timezone for datetime entities. */
  timezone: string;
  /** Classifier hyper-parameters; absent ones take the classifier's defaults. */
  hyperParameters: Record<string, number>;
}

export interface BotDefinition {
  /** Model id: names the model in the NLU service. */
  name: string;
  /** ISO 639-1 code: en, es, fr, de, it, pt, nl, … */
  language: string;
  intents: IntentDefinition[];
  entities: EntityDefinition[];
  scopes: ScopeDefinition[];
  config: NluConfig;
}

export const DEFAULT_NLU_CONFIG: NluConfig = Object.freeze({
  encoder: 'auto',
  ambiguityMargin: 0,
  seed: 42,
  timezone: 'UTC',
  hyperParameters: {},
});

/** The scope every model has: all intents of the definition. */
export const ALL_INTENTS_SCOPE = '*';
