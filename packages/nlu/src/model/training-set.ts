/**
 * The definition's training sentences as the classifier sees them: NER placeholders in, processed, featurised (and as the sentence encoder reads them),
 * labelled with the intent's index; plus the exact-match table (processed sentence → intents).
 */
import type { BotDefinition } from '@parley/domain';
import type { TextFeatures } from '../classifier/feature-extractor';
import { encoderTextOf } from './encoder-input';
import { TextFeaturizer } from './text-featurizer';
import type { EntityRecognizer } from '../ner/entity-recognizer';

export interface TrainingSet {
  features: TextFeatures[];
  labels: number[];
  /** What the sentence encoder reads for each example (encoder-input.ts). */
  encoderTexts: string[];
  exactMatches: Map<string, number[]>;
}

export function buildTrainingSet(definition: BotDefinition, featurizer: TextFeaturizer, recognizer: EntityRecognizer): TrainingSet {
  const set: TrainingSet = { features: [], labels: [], encoderTexts: [], exactMatches: new Map() };
  definition.intents.forEach((intent, label) => {
    for (const sentence of intent.trainingSentences) {
      const prepared = recognizer.prepareTrainingSentence(intent, sentence);
      const processed = featurizer.process(prepared);
      if (processed.words.length === 0) continue;
      set.features.push(featurizer.features(processed));
      set.labels.push(label);
      set.encoderTexts.push(encoderTextOf(prepared));
      const key = TextFeaturizer.sentenceOf(processed);
      const intents = set.exactMatches.get(key) ?? [];
      if (!intents.includes(label)) intents.push(label);
      set.exactMatches.set(key, intents);
    }
  });
  return set;
}
