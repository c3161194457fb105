/**
 * Prometheus metrics of the NLU service, on a registry of its own (never the global one, so tests and several
 * servers in one process do not collide): predictions per intent, fallbacks, predict latency, sentence-encoder latency, memory per model,
 * model events between replicas.
 */
import { FALLBACK_INTENT, type IntentClassifierPrediction } from '@parley/domain';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What happened to a model event: this replica's announcements, and the messages it received. */
export type ModelEventStage = 'published' | 'publish_failed' | 'received' | 'applied' | 'apply_failed' | 'invalid';

export class NluMetrics {
  readonly registry = new Registry();
  private readonly predictions: Counter<'model' | 'intent'>;
  private readonly fallbacks: Counter<'model' | 'reason'>;
  private readonly latency: Histogram<'model'>;
  private readonly modelLoad: Histogram<'outcome'>;
  private readonly modelMemory: Gauge<'model' | 'version'>;
  private readonly trainings: Counter<'state'>;
  private readonly modelEvents: Counter<'change' | 'stage'>;
  private readonly encoderLatency: Histogram;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'parley_nlu_' });
    this.predictions = new Counter({
      name: 'parley_nlu_predictions_total',
      help: 'Predictions by model and answered intent',
      labelNames: ['model', 'intent'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'parley_nlu_fallbacks_total',
      help: 'fallback_intent answers by model and reason',
      labelNames: ['model', 'reason'],
      registers,
    });
    this.latency = new Histogram({
      name: 'parley_nlu_predict_seconds',
      help: 'Time to classify one text, in process',
      labelNames: ['model'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
      registers,
    });
    this.modelLoad = new Histogram({
      name: 'parley_nlu_model_load_seconds',
      help: 'Model-store latency: time to read a model version from the model store and load it for a call, by outcome',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.modelMemory = new Gauge({
      name: 'parley_nlu_model_memory_bytes',
      help: 'Memory held by each loaded model version',
      labelNames: ['model', 'version'],
      registers,
    });
    this.trainings = new Counter({
      name: 'parley_nlu_trainings_total',
      help: 'Finished training jobs by final state',
      labelNames: ['state'],
      registers,
    });
    this.encoderLatency = new Histogram({
      name: 'parley_nlu_encoder_seconds',
      help: 'Time to get the sentence-encoder vectors of one Predict, PredictBatch or Evaluate call (queue and worker thread included)',
      buckets: [0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.5, 1, 5],
      registers,
    });
    this.modelEvents = new Counter({
      name: 'parley_nlu_model_events_total',
      help: 'Model events (new version, alias moved, deletion) announced to or received from other replicas, by stage',
      labelNames: ['change', 'stage'],
      registers,
    });
  }

  observePrediction(modelId: string, prediction: IntentClassifierPrediction, seconds: number): void {
    this.predictions.inc({ model: modelId, intent: prediction.intent });
    if (prediction.intent === FALLBACK_INTENT) this.fallbacks.inc({ model: modelId, reason: prediction.fallbackReason });
    this.latency.observe({ model: modelId }, seconds);
  }

  observeEncoder(seconds: number): void {
    this.encoderLatency.observe(seconds);
  }

  observeModelLoad(outcome: 'ok' | 'error', seconds: number): void {
    this.modelLoad.observe({ outcome }, seconds);
  }

  /** bytes = 0: the version left memory. */
  setModelMemory(modelId: string, version: string, bytes: number): void {
    if (bytes > 0) this.modelMemory.set({ model: modelId, version }, bytes);
    else this.modelMemory.remove({ model: modelId, version });
  }

  observeTraining(state: string): void {
    this.trainings.inc({ state });
  }

  observeModelEvent(change: string, stage: ModelEventStage): void {
    this.modelEvents.inc({ change, stage });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
