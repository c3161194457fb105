/**
 * What the model needs from entity recognition (NER): placeholders in training sentences, placeholders and
 * parameter values in user text. The EntityRecognizer (ner/) provides it; until it is wired in, the pass-through
 * below keeps text as it is and reports every declared parameter as not found.
 */
import type { BotDefinition, MatchedParameter } from '@parley/domain';

export interface Recognition {
  /** The text with entity values replaced by placeholders. */
  text: string;
}

export interface SentenceRecognizer {
  prepareTrainingSentence(intent: string, sentence: string): string;
  recognize(text: string, now: Date): Recognition;
  parameters(intent: string, recognition: Recognition): MatchedParameter[];
}

export function createSentenceRecognizer(definition: BotDefinition): SentenceRecognizer {
  const parametersOf = new Map(definition.intents.map((intent) => [intent.name, intent.parameters]));
  return {
    prepareTrainingSentence: (_intent, sentence) => sentence,
    recognize: (text) => ({ text }),
    parameters: (intent) => (parametersOf.get(intent) ?? []).map((p) => ({ name: p.name, value: null, info: {} })),
  };
}
