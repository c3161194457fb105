/**
 * The definition's training sentences as the classifier sees them: NER placeholders in, processed, featurised,
 * labelled with the intent's index; plus the exact-match table (processed sentence → intents).
 */
import type { BotDefinition } from '@parley/domain';
import type { TextFeatures } from '../classifier/feature-extractor';
import { SentenceEncoder } from './sentence-encoder';
import type { EntityRecognizer } from '../ner/entity-recognizer';

export interface TrainingSet {
  features: TextFeatures[];
  labels: number[];
  exactMatches: Map<string, number[]>;
}

export function buildTrainingSet(definition: BotDefinition, encoder: SentenceEncoder, recognizer: EntityRecognizer): TrainingSet {
  const set: TrainingSet = { features: [], labels: [], exactMatches: new Map() };
  definition.intents.forEach((intent, label) => {
    for (const sentence of intent.trainingSentences) {
      const processed = encoder.process(recognizer.prepareTrainingSentence(intent, sentence));
      if (processed.words.length === 0) continue;
      set.features.push(encoder.features(processed));
      set.labels.push(label);
      const key = SentenceEncoder.sentenceOf(processed);
      const intents = set.exactMatches.get(key) ?? [];
      if (!intents.includes(label)) intents.push(label);
      set.exactMatches.set(key, intents);
    }
  });
  return set;
}
