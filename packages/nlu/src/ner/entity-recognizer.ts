/**
 * Entity recognition for one bot (BBF §3.3, widened): finds the values of the entities its intents' parameters
 * use, replaces them by placeholders in user text and training sentences alike, and hands each intent its
 * parameters. Entities are searched in a fixed order so that an earlier one claims its characters first: email,
 * url, custom entities, phone, money, percentage, datetime, number, boolean, any.
 */
import {
  BASE_ENTITIES,
  BASE_ENTITY_PREFIX,
  ParleyError,
  type BotDefinition,
  type EntityDefinition,
  type IntentDefinition,
  type MatchedParameter,
} from '@parley/domain';
import { getLanguage } from '../languages/language-registry';
import { PLACEHOLDER_PREFIX, PLACEHOLDER_SOURCE, placeholderFor } from '../text/placeholder';
import { AnyMatcher } from './any-matcher';
import { BooleanMatcher } from './boolean-matcher';
import { CustomEntityMatcher } from './custom-entity-matcher';
import { DatetimeMatcher } from './datetime-matcher';
import { EmailMatcher } from './email-matcher';
import type { EntityMatcher } from './entity-matcher';
import { MoneyMatcher } from './money-matcher';
import { NumberMatcher } from './number-matcher';
import { NumberScanner } from './number-scanner';
import { PercentageMatcher } from './percentage-matcher';
import { PhoneMatcher } from './phone-matcher';
import type { Recognition } from './recognition';
import { RecognitionContext } from './recognition-context';
import { replaceFragments } from './replace-fragments';
import { UrlMatcher } from './url-matcher';
import { ZonedClock } from './zoned-clock';

/** Training sentences are read against a fixed instant, so preparing them is deterministic. */
const TRAINING_NOW = new Date(Date.UTC(2000, 0, 1));
const PLACEHOLDER = new RegExp(`(?<![\\p{L}\\p{N}_])${PLACEHOLDER_SOURCE}(?![\\p{L}\\p{N}_])`, 'gu');
const WORD_CHAR = /[\p{L}\p{N}_]/u;

export class EntityRecognizer {
  /** The entities some intent parameter uses: the only ones searched. */
  readonly entities: readonly string[];
  private readonly placeholders = new Map<string, string>();
  private readonly matchers: EntityMatcher[];

  /** Throws ParleyError INVALID_DEFINITION naming the field: unknown entity, language or timezone. */
  constructor(definition: BotDefinition) {
    const uses = parameterUses(definition.intents);
    this.entities = [...uses.keys()];
    for (const entity of this.entities) this.placeholders.set(entity, placeholderFor(entity));
    checkPlaceholdersDistinct(this.placeholders);
    this.matchers = buildMatchers(definition, uses, (entity) => this.placeholderOf(entity));
  }

  /** The token that stands for the entity's values in the text the classifier sees. */
  placeholderOf(entity: string): string {
    return this.placeholders.get(entity) ?? placeholderFor(entity);
  }

  /** A training sentence in the form the classifier learns: fragments and literal entity values as placeholders. */
  prepareTrainingSentence(intent: IntentDefinition, sentence: string): string {
    return this.recognize(
      replaceFragments(intent, sentence, (entity) => this.placeholderOf(entity)),
      TRAINING_NOW,
    ).text;
  }

  /** Finds entity values in `text`; relative datetimes are read against `now`. */
  recognize(text: string, now: Date = new Date()): Recognition {
    const context = new RecognitionContext(text, now);
    // Placeholders already there (training sentences) are kept, and no entity may read into them.
    if (text.includes(PLACEHOLDER_PREFIX))
      for (const match of text.matchAll(PLACEHOLDER)) context.reserve(match.index, match.index + match[0].length);
    for (const matcher of this.matchers) {
      for (const candidate of matcher.find(context)) context.accept(candidate);
    }
    const matches = context.matches.sort((a, b) => a.start - b.start);
    return { text: this.withPlaceholders(text, matches), matches };
  }

  /** One entry per declared parameter, in order; the n-th parameter of an entity takes its n-th match. */
  parameters(intent: IntentDefinition, recognition: Recognition): MatchedParameter[] {
    const taken = new Map<string, number>();
    return intent.parameters.map((parameter) => {
      const n = taken.get(parameter.entity) ?? 0;
      taken.set(parameter.entity, n + 1);
      const match = recognition.matches.filter((m) => m.entity === parameter.entity)[n];
      return match === undefined
        ? { name: parameter.name, value: null, info: {} }
        : { name: parameter.name, value: match.value, info: match.info };
    });
  }

  private withPlaceholders(text: string, matches: Recognition['matches']): string {
    let out = '';
    let from = 0;
    for (const match of matches) {
      const before = text.slice(from, match.start);
      // Keep the placeholder a token of its own even where the value was glued to a word ("cost$20").
      const left = WORD_CHAR.test(before.at(-1) ?? '') ? ' ' : '';
      const right = WORD_CHAR.test(text[match.end] ?? '') ? ' ' : '';
      out += before + left + this.placeholderOf(match.entity) + right;
      from = match.end;
    }
    return out + text.slice(from);
  }
}

/** Entity → the most parameters of it in one intent; validates every parameter's entity on the way. */
function parameterUses(intents: readonly IntentDefinition[]): Map<string, number> {
  const uses = new Map<string, number>();
  intents.forEach((intent, i) => {
    const counts = new Map<string, number>();
    intent.parameters.forEach((parameter, p) => {
      checkBaseEntity(parameter.entity, `intents[${i}].parameters[${p}].entity`);
      counts.set(parameter.entity, (counts.get(parameter.entity) ?? 0) + 1);
    });
    for (const [entity, count] of counts) uses.set(entity, Math.max(count, uses.get(entity) ?? 0));
  });
  return uses;
}

function checkBaseEntity(entity: string, field: string): void {
  if (!entity.startsWith(BASE_ENTITY_PREFIX)) return;
  const kind = entity.slice(BASE_ENTITY_PREFIX.length);
  if (!(BASE_ENTITIES as readonly string[]).includes(kind)) {
    const known = BASE_ENTITIES.map((k) => BASE_ENTITY_PREFIX + k).join(', ');
    throw new ParleyError('INVALID_DEFINITION', `${field}: unknown base entity "${entity}" (known: ${known})`, { field });
  }
}

function checkPlaceholdersDistinct(placeholders: ReadonlyMap<string, string>): void {
  const owners = new Map<string, string>();
  for (const [entity, placeholder] of placeholders) {
    const other = owners.get(placeholder);
    if (other !== undefined) {
      const message = `entities: "${other}" and "${entity}" differ only in punctuation or case, so their placeholders clash (${placeholder})`;
      throw new ParleyError('INVALID_DEFINITION', message, { field: 'entities' });
    }
    owners.set(placeholder, entity);
  }
}

/** The matchers of the entities in use, in search order. Language and timezone are checked even if unused. */
function buildMatchers(
  definition: BotDefinition,
  uses: ReadonlyMap<string, number>,
  placeholderOf: (entity: string) => string,
): EntityMatcher[] {
  const language = getLanguage(definition.language);
  const clock = new ZonedClock(definition.config.timezone);
  const used = (kind: string): boolean => uses.has(BASE_ENTITY_PREFIX + kind);
  const scanner = used('money') || used('percentage') || used('number') ? new NumberScanner(language) : undefined;
  const custom = customEntities(definition, uses);
  const matchers: Array<EntityMatcher | false> = [
    used('email') && new EmailMatcher(),
    used('url') && new UrlMatcher(),
    custom.length > 0 && new CustomEntityMatcher(custom, uses),
    used('phone') && new PhoneMatcher(),
    used('money') && scanner !== undefined && new MoneyMatcher(language, scanner),
    used('percentage') && scanner !== undefined && new PercentageMatcher(language, scanner),
    used('datetime') && new DatetimeMatcher(language, clock),
    used('number') && scanner !== undefined && new NumberMatcher(scanner),
    used('boolean') && new BooleanMatcher(language),
    used('any') && new AnyMatcher(definition.intents, placeholderOf, uses.get(BASE_ENTITY_PREFIX + 'any') ?? 1),
  ];
  return matchers.filter((matcher): matcher is EntityMatcher => matcher !== false);
}

/** The custom entities in use; a parameter naming an entity the definition lacks is an invalid definition. */
function customEntities(definition: BotDefinition, uses: ReadonlyMap<string, number>): EntityDefinition[] {
  const defined = new Map(definition.entities.map((entity) => [entity.name, entity]));
  const used = [...uses.keys()].filter((entity) => !entity.startsWith(BASE_ENTITY_PREFIX));
  return used.map((name) => {
    const entity = defined.get(name);
    if (entity === undefined) {
      const i = definition.intents.findIndex((intent) => intent.parameters.some((p) => p.entity === name));
      const p = definition.intents[i]?.parameters.findIndex((parameter) => parameter.entity === name) ?? 0;
      const field = `intents[${i}].parameters[${p}].entity`;
      throw new ParleyError('INVALID_DEFINITION', `${field}: unknown entity "${name}"`, { field });
    }
    return entity;
  });
}
