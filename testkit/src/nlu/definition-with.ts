/** Test support: a small valid BotDefinition, with only the parts a test cares about spelt out. */
import { DEFAULT_NLU_CONFIG, type BotDefinition, type EntityDefinition, type IntentDefinition } from '@parley/domain';

export interface DefinitionParts {
  language?: string;
  timezone?: string;
  intents?: IntentDefinition[];
  entities?: EntityDefinition[];
}

/** An intent whose parameters are `[name, fragment, entity]` triples. */
export function intentWith(name: string, trainingSentences: string[], parameters: Array<[string, string, string]> = []): IntentDefinition {
  return {
    name,
    trainingSentences,
    parameters: parameters.map(([parameter, fragment, entity]) => ({ name: parameter, fragment, entity })),
  };
}

export function definitionWith(parts: DefinitionParts): BotDefinition {
  return {
    name: 'test-bot',
    language: parts.language ?? 'en',
    intents: parts.intents ?? [],
    entities: parts.entities ?? [],
    scopes: [],
    config: { ...DEFAULT_NLU_CONFIG, timezone: parts.timezone ?? 'UTC' },
  };
}

/** An intent with one parameter per entity, named p0, p1, … (fragments X0, X1, …) and no training sentences. */
export function intentUsing(...entities: string[]): IntentDefinition {
  return intentWith(
    'uses',
    [],
    entities.map((entity, i) => [`p${i}`, `X${i}`, entity]),
  );
}
