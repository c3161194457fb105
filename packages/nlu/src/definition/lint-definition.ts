/**
 * Data lint for a valid BotDefinition: problems that do not stop training but usually hurt accuracy.
 * Returns human-readable warnings; Train returns them with its result.
 */
import type { BotDefinition, IntentDefinition } from '@parley/domain';

/** Fewer examples than this per intent make the classifier guess. */
const MIN_EXAMPLES_PER_INTENT = 3;

/** An upper-case token of 3+ characters looks like an entity fragment (BBF writes fragments as `CITY`). */
const FRAGMENT_LIKE = /(?<![\p{L}\p{N}_])[A-Z][A-Z0-9_]{2,}(?![\p{L}\p{N}_])/gu;

export function lintDefinition(definition: BotDefinition): string[] {
  return [...sharedUtterances(definition.intents), ...fewExamples(definition.intents), ...undeclaredFragments(definition.intents)];
}

/** Case, width and punctuation do not make two utterances different for the classifier. */
function utteranceKey(sentence: string): string {
  return (
    sentence
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');
}

function sharedUtterances(intents: readonly IntentDefinition[]): string[] {
  const owners = new Map<string, { sentence: string; intents: string[] }>();
  for (const intent of intents) {
    for (const sentence of intent.trainingSentences) {
      const key = utteranceKey(sentence);
      const entry = owners.get(key) ?? { sentence, intents: [] };
      if (!entry.intents.includes(intent.name)) entry.intents.push(intent.name);
      owners.set(key, entry);
    }
  }
  return [...owners.values()]
    .filter((entry) => entry.intents.length > 1)
    .map((entry) => `the utterance "${entry.sentence}" is a training sentence of several intents: ${entry.intents.join(', ')}`);
}

function fewExamples(intents: readonly IntentDefinition[]): string[] {
  return intents
    .filter((intent) => intent.trainingSentences.length < MIN_EXAMPLES_PER_INTENT)
    .map(
      (intent) =>
        `intent "${intent.name}" has ${intent.trainingSentences.length} training sentence(s); ` +
        `give it at least ${MIN_EXAMPLES_PER_INTENT}`,
    );
}

function undeclaredFragments(intents: readonly IntentDefinition[]): string[] {
  const warnings: string[] = [];
  for (const intent of intents) {
    const declared = new Set(intent.parameters.map((parameter) => parameter.fragment));
    const undeclared = new Set<string>();
    for (const sentence of intent.trainingSentences) {
      for (const token of sentence.match(FRAGMENT_LIKE) ?? []) if (!declared.has(token)) undeclared.add(token);
    }
    for (const token of undeclared) {
      warnings.push(
        `intent "${intent.name}": "${token}" looks like an entity fragment, but no parameter of the intent declares it ` +
          '(it will be read as a plain word)',
      );
    }
  }
  return warnings;
}
