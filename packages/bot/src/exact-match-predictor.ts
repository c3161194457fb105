/**
 * A Predictor for a bot author's unit tests, no NLU needed: it answers from the bot's own definition the way the
 * NLU's exact-match shortcut does (training sentence equal to the text, parameter fragments standing for any
 * words, mapped to the entity's main value or null), restricted to the scope. Anything else is fallback. It
 * records every call, so tests can check when the engine asks the NLU.
 */
import {
  type BotDefinition,
  FALLBACK_INTENT,
  type IntentClassifierPrediction,
  type IntentDefinition,
  type JsonValue,
  type MatchedParameter,
  ParleyError,
} from '@parley/domain';
import type { Predictor } from './turn';

export class ExactMatchPredictor implements Predictor {
  readonly calls: Array<{ text: string; scope: string }> = [];
  private readonly definition: BotDefinition;

  constructor(definition: BotDefinition) {
    this.definition = definition;
  }

  async predict(text: string, scope: string): Promise<IntentClassifierPrediction> {
    this.calls.push({ text, scope });
    const intents = this.definition.scopes.find((candidate) => candidate.name === scope)?.intents;
    if (intents === undefined) throw new ParleyError('SCOPE_NOT_FOUND', `no scope '${scope}'`, { field: 'scope' });
    for (const name of intents) {
      const intent = this.definition.intents.find((candidate) => candidate.name === name) as IntentDefinition;
      for (const sentence of intent.trainingSentences) {
        const parameters = this.match(sentence, intent, text);
        if (parameters !== undefined) return prediction(intent.name, 1, text, parameters, scope);
      }
    }
    return { ...prediction(FALLBACK_INTENT, 1, text, [], scope), fallbackReason: 'LOW_CONFIDENCE' };
  }

  private match(sentence: string, intent: IntentDefinition, text: string): MatchedParameter[] | undefined {
    let pattern = escape(normalise(sentence));
    const used = intent.parameters.filter((parameter) => pattern.includes(escape(parameter.fragment.toLowerCase())));
    for (const parameter of used) pattern = pattern.replace(escape(parameter.fragment.toLowerCase()), '(.+?)');
    const match = new RegExp(`^${pattern}$`).exec(normalise(text));
    if (match === null) return undefined;
    const values = used.map((parameter, index) => this.value(parameter.entity, match[index + 1] ?? ''));
    return intent.parameters.map((parameter) => {
      const index = used.indexOf(parameter);
      return { name: parameter.name, value: index < 0 ? null : (values[index] as JsonValue), info: {} };
    });
  }

  /** The entity value the fragment's text stands for; null when it is none (the NLU leaves it unmatched). */
  private value(entityName: string, raw: string): JsonValue {
    if (entityName === 'base.number') return Number.isFinite(Number(raw)) ? Number(raw) : null;
    if (entityName === 'base.any') return raw;
    const entity = this.definition.entities.find((candidate) => candidate.name === entityName);
    const entry = entity?.entries.find((candidate) => [candidate.value, ...candidate.synonyms].some((word) => word.toLowerCase() === raw));
    return entry?.value ?? null;
  }
}

function prediction(
  intent: string,
  score: number,
  text: string,
  matchedParameters: MatchedParameter[],
  scope: string,
): IntentClassifierPrediction {
  return {
    intent,
    score,
    matchedSentence: text,
    matchedParameters,
    ranking: [{ intent, score }],
    scope,
    modelVersion: 'exact-match',
    fallbackReason: 'NONE',
  };
}

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[?!.]+$/u, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
