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
} from '@parley/domain';
import type { NluModel, NluModelArtifact, ScopeStats } from '../api';
import type { ClassifierEngine, IntentClassifier } from '../classifier/intent-classifier';
import { decideIntent, fallback, type IntentDecision } from './decide-intent';
import type { HyperParameters } from './hyper-parameters';
import { packArtifact } from './model-artifact';
import { rankIntents } from './rank-intents';
import { scopeScores } from './scope-scores';
import { scopeIntentIndices } from './scope-intents';
import { SentenceEncoder } from './sentence-encoder';
import type { EntityRecognizer } from '../ner/entity-recognizer';

export interface TrainedNluModelParts {
  definition: BotDefinition;
  version: string;
  hyper: HyperParameters;
  encoder: SentenceEncoder;
  recognizer: EntityRecognizer;
  classifier: IntentClassifier;
  /** Processed training sentence → indices of the intents that have it. */
  exactMatches: Map<string, number[]>;
  stats: ScopeStats[];
  trainSeconds: number;
  backend: string;
}

export class TrainedNluModel implements NluModel {
  readonly version: string;
  readonly definition: BotDefinition;
  readonly scopes: readonly string[];
  readonly stats: readonly ScopeStats[];
  readonly trainSeconds: number;
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
      this.parts.classifier.byteLength + this.parts.encoder.vocabulary.byteLength + this.parts.exactMatches.size * 96 + this.definitionBytes
    );
  }

  intentsOf(scope: string): readonly string[] {
    return this.scopeIndices(scope).map((i) => this.names[i]!);
  }

  predict(text: string, scope: string = ALL_INTENTS_SCOPE, now: Date = new Date()): IntentClassifierPrediction {
    if (typeof text !== 'string' || isBlankText(text)) throw new ParleyError('TEXT_EMPTY', 'text is empty', { field: 'text' });
    const intents = this.scopeIndices(scope);
    const recognition = this.parts.recognizer.recognize(text, now);
    const processed = this.parts.encoder.process(recognition.text);
    const sentence = SentenceEncoder.sentenceOf(processed);
    const { ranking, decision } = this.rank(intents, sentence, processed);
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

  private rank(intents: number[], sentence: string, processed: ReturnType<SentenceEncoder['process']>) {
    const names = this.names;
    const exact = this.parts.exactMatches.get(sentence)?.find((index) => intents.includes(index));
    if (exact !== undefined) {
      const ranking = [exact, ...intents.filter((i) => i !== exact)].map((i) => ({ intent: names[i]!, score: i === exact ? 1 : 0 }));
      return { ranking, decision: { intent: names[exact]!, score: 1, fallbackReason: 'NONE' } as IntentDecision };
    }
    if (intents.length === 0) return { ranking: [], decision: fallback('NO_INTENTS') };
    const encoded = this.parts.encoder.encode(this.parts.encoder.features(processed));
    if (encoded.knownWords === 0 && !this.mostlyKnownCharacters(encoded.rows.length, processed.words)) {
      return { ranking: intents.map((i) => ({ intent: names[i]!, score: 0 })), decision: fallback('OUT_OF_VOCABULARY') };
    }
    const ranking = rankIntents(intents, scopeScores(this.parts.classifier.probabilities(encoded), intents), names);
    return { ranking, decision: decideIntent(ranking, this.definition.config) };
  }

  /** A misspelt word is unknown as a stem, yet most of its character n-grams are known: that is not OOV. */
  private mostlyKnownCharacters(knownFeatures: number, words: string[]): boolean {
    const total = this.parts.encoder.features({ words, stems: [] })[2].length;
    return total > 0 && knownFeatures >= total / 2;
  }

  toArtifact(): NluModelArtifact {
    return packArtifact(this);
  }
}
