/**
 * A trained model serving predictions: one classifier over all intents, whose scores are restricted to the asked
 * scope (see scope-scores.ts), so a scope of one intent still rejects text meant for another intent.
 */
import {
  ALL_INTENTS_SCOPE,
  isBlankText,
  ParleyError,
  type BotDefinition,
  type IntentDefinition,
  type IntentClassifierPrediction,
  type IntentScore,
} from '@parley/domain';
import type { Calibration, NluModel, NluModelArtifact, ScopeStats } from '../api';
import type { ClassifierEngine, IntentClassifier } from '../classifier/intent-classifier';
import type { VectorClassifier } from '../classifier/vector-classifier';
import { decideIntent, fallback, type IntentDecision } from './decide-intent';
import { encoderTextOf } from './encoder-input';
import { fuseScores, nearestScores, withFamiliarity } from './fused-scores';
import type { HyperParameters } from './hyper-parameters';
import { packArtifact } from './model-artifact';
import type { NearestPhrases } from './nearest-phrases';
import { rankIntents } from './rank-intents';
import { scopeScores } from './scope-scores';
import { scopeIntentIndices } from './scope-intents';
import { TextFeaturizer } from './text-featurizer';
import type { EntityRecognizer } from '../ner/entity-recognizer';

export interface TrainedNluModelParts {
  definition: BotDefinition;
  version: string;
  hyper: HyperParameters;
  featurizer: TextFeaturizer;
  recognizer: EntityRecognizer;
  classifier: IntentClassifier;
  /** Processed training sentence → indices of the intents that have it. */
  exactMatches: Map<string, number[]>;
  stats: ScopeStats[];
  trainSeconds: number;
  backend: string;
  /** The encoder's identity, or NO_ENCODER. */
  encoder: string;
  calibration: Calibration;
  /** With an encoder: the classifier over its vectors, and the training phrases' vectors. */
  vectorClassifier?: VectorClassifier;
  nearest?: NearestPhrases;
}

export class TrainedNluModel implements NluModel {
  readonly version: string;
  readonly definition: BotDefinition;
  readonly scopes: readonly string[];
  readonly stats: readonly ScopeStats[];
  readonly trainSeconds: number;
  readonly encoder: string;
  readonly calibration: Calibration;
  private readonly scopeIntents: Map<string, number[]>;
  private readonly names: string[];
  private readonly intentByName: Map<string, IntentDefinition>;
  /** The definition's JSON size, doubled for the objects that hold it (UTF-16 strings, object headers). */
  private readonly definitionBytes: number;

  constructor(readonly parts: TrainedNluModelParts) {
    this.version = parts.version;
    this.definition = parts.definition;
    this.definitionBytes = 2 * JSON.stringify(parts.definition).length;
    this.stats = parts.stats;
    this.trainSeconds = parts.trainSeconds;
    this.encoder = parts.encoder;
    this.calibration = parts.calibration;
    this.scopeIntents = scopeIntentIndices(parts.definition);
    this.scopes = [...this.scopeIntents.keys()];
    this.names = parts.definition.intents.map((intent) => intent.name);
    this.intentByName = new Map(parts.definition.intents.map((intent) => [intent.name, intent]));
  }

  get engine(): ClassifierEngine {
    return this.parts.classifier.engine;
  }

  get sizeBytes(): number {
    // The weights and the vocabulary exactly; the exact-match table and the definition (kept for predictions) roughly.
    return (
      this.parts.classifier.byteLength +
      this.parts.featurizer.vocabulary.byteLength +
      (this.parts.vectorClassifier?.byteLength ?? 0) +
      (this.parts.nearest?.byteLength ?? 0) +
      this.parts.exactMatches.size * 96 +
      this.definitionBytes
    );
  }

  intentsOf(scope: string): readonly string[] {
    return this.scopeIndices(scope).map((i) => this.names[i]!);
  }

  encoderText(text: string, now: Date = new Date()): string {
    return encoderTextOf(this.parts.recognizer.recognize(text, now).text);
  }

  predict(text: string, scope: string = ALL_INTENTS_SCOPE, now: Date = new Date(), vector?: Float32Array): IntentClassifierPrediction {
    if (typeof text !== 'string' || isBlankText(text)) throw new ParleyError('TEXT_EMPTY', 'text is empty', { field: 'text' });
    const intents = this.scopeIndices(scope);
    if (this.parts.vectorClassifier !== undefined && vector === undefined) {
      throw new Error(`model ${this.version} uses the encoder ${this.encoder}: predict needs the text's vector`);
    }
    const recognition = this.parts.recognizer.recognize(text, now);
    const processed = this.parts.featurizer.process(recognition.text);
    const sentence = TextFeaturizer.sentenceOf(processed);
    const { ranking, decision } = this.rank(intents, sentence, processed, vector);
    const intent = this.intentByName.get(decision.intent);
    const matchedParameters = intent === undefined ? [] : this.parts.recognizer.parameters(intent, recognition);
    return { ...decision, matchedSentence: sentence, matchedParameters, ranking, scope, modelVersion: this.version };
  }

  private scopeIndices(scope: string): number[] {
    const intents = this.scopeIntents.get(scope);
    if (intents === undefined)
      throw new ParleyError('SCOPE_NOT_FOUND', `scope "${scope}" does not exist in this model`, { field: 'scope' });
    return intents;
  }

  private rank(intents: number[], sentence: string, processed: ReturnType<TextFeaturizer['process']>, vector?: Float32Array) {
    const names = this.names;
    const exact = this.parts.exactMatches.get(sentence)?.find((index) => intents.includes(index));
    if (exact !== undefined) {
      const ranking = [exact, ...intents.filter((i) => i !== exact)].map((i) => ({ intent: names[i]!, score: i === exact ? 1 : 0 }));
      return { ranking, decision: { intent: names[exact]!, score: 1, fallbackReason: 'NONE' } as IntentDecision };
    }
    if (intents.length === 0) return { ranking: [], decision: fallback('NO_INTENTS') };
    const encoded = this.parts.featurizer.encode(this.parts.featurizer.features(processed));
    const outOfVocabulary = encoded.knownWords === 0 && !this.mostlyKnownCharacters(encoded.rows.length, processed.words);
    const { vectorClassifier, nearest } = this.parts;
    if (vectorClassifier === undefined || nearest === undefined || vector === undefined) {
      if (outOfVocabulary) {
        return { ranking: intents.map((i) => ({ intent: names[i]!, score: 0 })), decision: fallback('OUT_OF_VOCABULARY') };
      }
      const ranking = rankIntents(intents, scopeScores(this.parts.classifier.probabilities(encoded), intents), names);
      return { ranking, decision: this.decide(ranking) };
    }
    const { fusionWeight, nearestWeight, familiarityExponent } = this.calibration;
    // The nearest training phrases cost a dot product each: only computed when the calibration uses them.
    const similarities = nearestWeight > 0 || familiarityExponent > 0 ? nearest.similarities(vector, this.names.length) : undefined;
    const fused = fuseScores(
      this.parts.classifier.probabilities(encoded),
      vectorClassifier.probabilities(vector),
      similarities && nearestScores(similarities, vectorClassifier.weights.scale),
      { bag: fusionWeight, nearest: nearestWeight },
    );
    // Familiarity: the nearest training phrase of the scope's intents (unused when the exponent is 0).
    const familiarity = similarities === undefined ? 1 : intents.reduce((best, intent) => Math.max(best, similarities[intent]!), 0);
    const ranking = rankIntents(intents, withFamiliarity(scopeScores(fused, intents), familiarity, familiarityExponent), names);
    // No word the bot was taught: the encoder still ranks, yet the answer stays a fallback.
    return { ranking, decision: outOfVocabulary ? fallback('OUT_OF_VOCABULARY') : this.decide(ranking) };
  }

  private decide(ranking: IntentScore[]): IntentDecision {
    return decideIntent(ranking, { threshold: this.calibration.threshold, ambiguityMargin: this.definition.config.ambiguityMargin });
  }

  /** A misspelt word is unknown as a stem, yet most of its character n-grams are known: that is not OOV. */
  private mostlyKnownCharacters(knownFeatures: number, words: string[]): boolean {
    const total = this.parts.featurizer.features({ words, stems: [] })[2].length;
    return total > 0 && knownFeatures >= total / 2;
  }

  toArtifact(): NluModelArtifact {
    return packArtifact(this);
  }
}
