// The CLINC150 dataset (../shared/datasets/clinc150) and the bot definition the NLU benchmarks train from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const clincDir = fileURLToPath(new URL('../../../shared/datasets/clinc150', import.meta.url));

/** One split: train, val or test, as `{text, intent}` rows. */
export function clincSplit(name) {
  return JSON.parse(readFileSync(join(clincDir, `${name}.json`), 'utf8'));
}

/** Every in-scope intent of the train split with its sentences; seed 42; `config` adds to the definition's config. */
export function clincDefinition(config = {}) {
  const byIntent = new Map();
  for (const row of clincSplit('train')) {
    if (row.intent === 'oos') continue;
    byIntent.set(row.intent, [...(byIntent.get(row.intent) ?? []), row.text]);
  }
  return {
    name: 'clinc150',
    language: 'en',
    intents: [...byIntent].map(([name, trainingSentences]) => ({ name, trainingSentences })),
    entities: [],
    scopes: [],
    config: { seed: 42, ...config },
  };
}
