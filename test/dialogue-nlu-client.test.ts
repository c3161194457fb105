import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weatherBot } from '@parley/examples';
import { ParleyError } from '@parley/domain';
import { FaultyProxy } from './reliability/support/faulty-proxy';
import { startNluTestServer, type NluTestServer } from './support/nlu-test-server';
import { NluClient } from '../services/dialogue/src/nlu/nlu-client';

const options = { deadlineMs: 2_000, trainTimeoutMs: 60_000 };
const definition = weatherBot.definition();

describe('NluClient against a real NLU server', () => {
  let server: NluTestServer;
  let client: NluClient;

  beforeAll(async () => {
    server = await startNluTestServer();
    client = await NluClient.connect({ ...options, addresses: [server.address] });
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  it('refuses to predict before the model is trained: the service is starting, the NLU is not down', async () => {
    await expect(client.predict('weather in BCN', 's0')).rejects.toMatchObject({ code: 'SERVICE_STARTING' });
    await expect(client.ping()).rejects.toMatchObject({ code: 'SERVICE_STARTING' });
  });

  it('trains the definition, then reuses the identical one at once', async () => {
    const first = await client.train(definition);
    expect(first).toMatchObject({ modelId: 'weather_bot' });
    expect(first.version).not.toBe('');
    const started = Date.now();
    const again = await client.train(definition);
    expect(again).toMatchObject({ version: first.version, reused: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(client.trainedModel).toEqual({ id: 'weather_bot', version: first.version });
    await client.ping();
  });

  it('predicts with the state as scope and maps parameters to JSON values', async () => {
    const prediction = await client.predict('what is the weather in barna?', 's0');
    expect(prediction).toMatchObject({ intent: 'weather_intent', scope: 's0', fallbackReason: 'NONE' });
    expect(prediction.matchedParameters).toEqual([{ name: 'city1', value: 'Barcelona', info: expect.any(Object) }]);
    expect(prediction.modelVersion).toBe(client.trainedModel?.version);
    expect(prediction.ranking[0]?.intent).toBe('weather_intent');
  });

  it('answers fallback_intent with its reason for text the scope does not know', async () => {
    const prediction = await client.predict('zebra quantum spaghetti', 's0');
    expect(prediction.intent).toBe('fallback_intent');
    expect(prediction.fallbackReason).not.toBe('NONE');
    expect(prediction.matchedParameters).toEqual([]);
  });

  it('maps an unknown scope to NLU_UNAVAILABLE (the bot and the NLU disagree) and a refused text to a 400', async () => {
    await expect(client.predict('weather in BCN', 'no_such_state')).rejects.toMatchObject({ code: 'NLU_UNAVAILABLE' });
    await expect(client.predict('x'.repeat(100_000), 's0')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'text' });
  });
});

describe('NluClient when the NLU cannot be reached', () => {
  it('fails Train within its timeout and every later call with NLU_UNAVAILABLE', async () => {
    const client = await NluClient.connect({ addresses: ['127.0.0.1:1'], deadlineMs: 300, trainTimeoutMs: 600 });
    const started = Date.now();
    const error = await client.train(definition).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toMatchObject({ code: 'NLU_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3_000);
    client.close();
  });
});

/** Two in-process NLU replicas on one model directory (with a FaultyProxy in front of the first, when asked), torn down after `fn`. */
async function withTwoReplicas(
  fn: (a: NluTestServer, b: NluTestServer, proxy: FaultyProxy | undefined) => Promise<void>,
  proxied = false,
): Promise<void> {
  const modelDir = await mkdtemp(join(tmpdir(), 'parley-nlu-shared-'));
  const a = await startNluTestServer({ modelDir });
  const b = await startNluTestServer({ modelDir });
  const [host, port] = a.address.split(':');
  const proxy = proxied ? new FaultyProxy(host ?? '127.0.0.1', Number(port)) : undefined;
  await proxy?.start();
  try {
    await fn(a, b, proxy);
  } finally {
    await proxy?.close();
    await b.close();
    await a.close();
    await rm(modelDir, { recursive: true, force: true });
  }
}

describe('NluClient over several NLU replicas', () => {
  it('keeps answering through the remaining replica when one goes away', () =>
    withTwoReplicas(async (a, b) => {
      const client = await NluClient.connect({ ...options, addresses: [a.address, b.address] });
      try {
        await client.train(definition);
        // The replica that did not train sees the new version at its next registry refresh (100 ms here).
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (let i = 0; i < 10; i += 1) expect((await client.predict('weather in LUX', 's0')).intent).toBe('weather_intent');
        await a.close();
        for (let i = 0; i < 10; i += 1) expect((await client.predict('weather in Madrid', 's0')).intent).toBe('weather_intent');
      } finally {
        client.close();
      }
    }));

  it('answers every prediction while a replica shuts down under load: its streams end, their requests go again', () =>
    withTwoReplicas(async (a, b) => {
      const client = await NluClient.connect({ ...options, addresses: [a.address, b.address] });
      try {
        await client.train(definition);
        await new Promise((resolve) => setTimeout(resolve, 500));
        let closing: Promise<void> | undefined;
        const answers = await Promise.all(
          Array.from({ length: 16 }, async (_, worker) => {
            const intents: string[] = [];
            for (let i = 0; i < 25; i += 1) {
              if (worker === 0 && i === 5) closing = a.close();
              intents.push((await client.predict('weather in LUX', 's0')).intent);
            }
            return intents;
          }),
        );
        await closing;
        expect(answers.flat()).toEqual(Array(400).fill('weather_intent'));
      } finally {
        client.close();
      }
    }));

  it('sends requests again on another stream when theirs breaks mid-flight (a replica cut off)', () =>
    withTwoReplicas(async (_a, b, proxy) => {
      if (!proxy) throw new Error('this test runs behind the proxy');
      const client = await NluClient.connect({ ...options, deadlineMs: 5_000, addresses: [proxy.address, b.address] });
      try {
        await client.train(definition);
        await new Promise((resolve) => setTimeout(resolve, 500));
        await proxy.set({ kind: 'hang' });
        const answers = Promise.all(Array.from({ length: 24 }, () => client.predict('weather in LUX', 's0')));
        await new Promise((resolve) => setTimeout(resolve, 200));
        await proxy.set({ kind: 'down' });
        expect((await answers).map((prediction) => prediction.intent)).toEqual(Array(24).fill('weather_intent'));
      } finally {
        client.close();
      }
    }, true));
});
