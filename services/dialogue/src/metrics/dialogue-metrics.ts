/**
 * The dialogue service's Prometheus metrics, in a registry of their own (one per app, so several apps in one
 * test process do not collide): turn latency, predictions per intent, fallbacks and their rate, NLU and store
 * latency.
 */
import { FALLBACK_INTENT, type IntentClassifierPrediction } from '@parley/domain';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class DialogueMetrics {
  readonly registry = new Registry();
  readonly turnSeconds = new Histogram({
    name: 'parley_dialogue_turn_duration_seconds',
    help: 'Duration of a whole turn (lock, load, NLU, bot, commit), by kind and outcome code.',
    labelNames: ['kind', 'code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly predictions = new Counter({
    name: 'parley_dialogue_predictions_total',
    help: 'NLU predictions received, by predicted intent (fallback_intent included).',
    labelNames: ['intent'] as const,
    registers: [this.registry],
  });
  readonly fallbacks = new Counter({
    name: 'parley_dialogue_fallbacks_total',
    help: 'Predictions that fell back to fallback_intent, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly nluSeconds = new Histogram({
    name: 'parley_dialogue_nlu_request_duration_seconds',
    help: 'Duration of NLU Predict calls seen from the dialogue service, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly storeSeconds = new Histogram({
    name: 'parley_dialogue_store_operation_duration_seconds',
    help: 'Duration of session-store operations (lock: the wait to acquire it), by operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    const predictions = this.predictions;
    const fallbacks = this.fallbacks;
    new Gauge({
      name: 'parley_dialogue_fallback_ratio',
      help: 'Share of all predictions so far that were fallback_intent (0 before the first prediction).',
      registers: [this.registry],
      async collect() {
        const total = sum(await predictions.get());
        this.set(total === 0 ? 0 : sum(await fallbacks.get()) / total);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_dialogue_' });
  }

  recordPrediction(prediction: IntentClassifierPrediction): void {
    this.predictions.inc({ intent: prediction.intent });
    if (prediction.intent === FALLBACK_INTENT) this.fallbacks.inc({ reason: prediction.fallbackReason });
  }
}

function sum(metric: { values: Array<{ value: number }> }): number {
  return metric.values.reduce((total, entry) => total + entry.value, 0);
}
