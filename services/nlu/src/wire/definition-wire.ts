/**
 * Bot definitions on the wire ↔ domain. Part of the wire mapping (this folder is the one place where generated
 * wire types meet domain types).
 */
import type { BotDefinition } from '@parley/domain';
import type { nluV1 } from '@parley/proto';

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
            hyperParameters: config.hyperParameters,
          },
  };
}

export function definitionToWire(definition: BotDefinition): nluV1.BotDefinition {
  return {
    ...definition,
    intents: definition.intents.map((intent) => ({ ...intent, description: intent.description ?? '' })),
    entities: definition.entities.map((entity) => ({ ...entity, description: entity.description ?? '' })),
  };
}
