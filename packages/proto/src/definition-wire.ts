/**
 * Bot definitions on the wire ↔ domain: what every client sends to Train and StartTraining (the dialogue service,
 * the CLI, tests), and what the NLU service reads back before parseDefinition validates it.
 */
import type { BotDefinition } from '@parley/domain';
import type * as nluV1 from './generated/parley/nlu/v1';

const withText = <K extends string>(key: K, text: string): Partial<Record<K, string>> =>
  (text === '' ? {} : { [key]: text }) as Partial<Record<K, string>>;

/**
 * A wire definition as the plain input parseDefinition validates: proto3 cannot tell "unset" from "empty", so
 * empty strings and unset optional numbers are left out and take their defaults.
 */
export function definitionFromWire(wire: nluV1.BotDefinition__Output | null): unknown {
  if (wire === null) return undefined;
  const config = wire.config;
  return {
    name: wire.name,
    ...withText('language', wire.language),
    intents: wire.intents.map((intent) => ({
      name: intent.name,
      ...withText('description', intent.description),
      trainingSentences: intent.trainingSentences,
      parameters: intent.parameters.map(({ name, fragment, entity }) => ({ name, fragment, entity })),
    })),
    entities: wire.entities.map((entity) => ({
      name: entity.name,
      ...withText('description', entity.description),
      entries: entity.entries.map(({ value, synonyms }) => ({ value, synonyms })),
    })),
    scopes: wire.scopes.map(({ name, intents }) => ({ name, intents })),
    config:
      config === null
        ? {}
        : {
            ...(config.threshold === undefined ? {} : { threshold: config.threshold }),
            ...(config.ambiguityMargin === undefined ? {} : { ambiguityMargin: config.ambiguityMargin }),
            ...(config.seed === undefined ? {} : { seed: config.seed }),
            ...withText('timezone', config.timezone),
            ...withText('encoder', config.encoder),
            hyperParameters: config.hyperParameters,
          },
  };
}

/** Field by field, so nothing beyond the contract travels; an absent description is proto3's empty string. */
export function definitionToWire(definition: BotDefinition): nluV1.BotDefinition {
  return {
    name: definition.name,
    language: definition.language,
    intents: definition.intents.map((intent) => ({
      name: intent.name,
      description: intent.description ?? '',
      trainingSentences: intent.trainingSentences,
      parameters: intent.parameters.map(({ name, fragment, entity }) => ({ name, fragment, entity })),
    })),
    entities: definition.entities.map((entity) => ({
      name: entity.name,
      description: entity.description ?? '',
      entries: entity.entries.map(({ value, synonyms }) => ({ value, synonyms })),
    })),
    scopes: definition.scopes.map(({ name, intents }) => ({ name, intents })),
    config: {
      ...(definition.config.threshold === undefined ? {} : { threshold: definition.config.threshold }),
      encoder: definition.config.encoder,
      ambiguityMargin: definition.config.ambiguityMargin,
      seed: definition.config.seed,
      timezone: definition.config.timezone,
      hyperParameters: { ...definition.config.hyperParameters },
    },
  };
}
