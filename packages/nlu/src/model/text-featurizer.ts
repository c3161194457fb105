/**
 * Text → what the classifier sees: the TextPipeline's words and stems, then hashed features looked up in the
 * vocabulary. Training and prediction go through this one path, so they cannot drift apart.
 */
import { FeatureExtractor, type TextFeatures } from '../classifier/feature-extractor';
import { FeatureVocabulary, type EncodedText } from '../classifier/feature-vocabulary';
import { TextPipeline, type ProcessedText } from '../text/text-pipeline';
import type { HyperParameters } from './hyper-parameters';

export class TextFeaturizer {
  readonly pipeline: TextPipeline;
  readonly extractor: FeatureExtractor;
  private readonly groupWeights: number[];

  constructor(
    language: string,
    hyper: HyperParameters,
    public vocabulary: FeatureVocabulary = new FeatureVocabulary(new Uint32Array(0)),
  ) {
    this.pipeline = new TextPipeline(language);
    this.extractor = new FeatureExtractor({ charMin: hyper.charMin, charMax: hyper.charMax, bigrams: hyper.bigrams > 0 });
    this.groupWeights = [hyper.unigramWeight, hyper.bigramWeight, hyper.charWeight];
  }

  process(text: string): ProcessedText {
    return this.pipeline.process(text);
  }

  /** The sentence the classifier saw, also the key of the exact-match table. */
  static sentenceOf(processed: ProcessedText): string {
    return processed.stems.join(' ');
  }

  features(processed: ProcessedText): TextFeatures {
    return this.extractor.extract(processed);
  }

  encode(features: TextFeatures): EncodedText {
    return this.vocabulary.encode(features, this.groupWeights);
  }
}
