import { describe, expect, it } from 'vitest';
import type { IntentClassifierPrediction } from '@parley/domain';
import { startMetricsHttpServer } from './metrics-http-server';
import { NluMetrics } from './nlu-metrics';

function prediction(intent: string, fallbackReason: IntentClassifierPrediction['fallbackReason']): IntentClassifierPrediction {
  return { intent, score: 1, matchedSentence: '', matchedParameters: [], ranking: [], scope: '*', modelVersion: 'v', fallbackReason };
}

describe('NluMetrics over HTTP', () => {
  it('serves predictions per intent, fallbacks, latency and memory per model on /metrics', async () => {
    const metrics = new NluMetrics();
    metrics.observePrediction('bot', prediction('greet', 'NONE'), 0.0002);
    metrics.observePrediction('bot', prediction('fallback_intent', 'LOW_CONFIDENCE'), 0.0001);
    metrics.observeModelLoad('ok', 0.02);
    metrics.setModelMemory('bot', 'v1', 1234);
    metrics.setModelMemory('old', 'v0', 99);
    metrics.setModelMemory('old', 'v0', 0);
    const server = await startMetricsHttpServer(metrics, '127.0.0.1', 0);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('parley_nlu_predictions_total{model="bot",intent="greet"} 1');
      expect(text).toContain('parley_nlu_fallbacks_total{model="bot",reason="LOW_CONFIDENCE"} 1');
      expect(text).toContain('parley_nlu_predict_seconds_count{model="bot"} 2');
      expect(text).toContain('parley_nlu_model_load_seconds_count{outcome="ok"} 1');
      expect(text).toContain('parley_nlu_model_memory_bytes{model="bot",version="v1"} 1234');
      expect(text).not.toContain('model="old"');
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
