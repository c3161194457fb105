import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weatherBot } from '@parley/examples';
import { ParleyError } from '@parley/domain';
import { freePort } from '../bench/lib/free-port.mjs';
import { FaultyProxy } from '@parley/testkit/reliability/faulty-proxy';
import { startNluTestServer, type NluTestServer } from '@parley/testkit/services/nlu-test-server';
import { TestDnsServer } from '@parley/testkit/services/test-dns-server';
import { NluClient } from '../services/dialogue/src/nlu/nlu-client';
import { resolveNluTargets } from '../services/dialogue/src/nlu/resolve-nlu-targets';

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

  it('maps an unknown scope to NLU_UNAVAILABLE (the bot and the NLU disagree) and a refused text to a 400 with the NLU code and field', async () => {
    await expect(client.predict('weather in BCN', 'no_such_state')).rejects.toMatchObject({ code: 'NLU_UNAVAILABLE' });
    await expect(client.predict('x'.repeat(100_000), 's0')).rejects.toMatchObject({ code: 'TEXT_TOO_LONG', field: 'text' });
    await expect(client.predict('   ', 's0')).rejects.toMatchObject({ code: 'TEXT_EMPTY', field: 'text' });
  });
});

describe('NluClient training a definition the NLU refuses', () => {
  it('fails with INVALID_DEFINITION naming the field the NLU named', async () => {
    const server = await startNluTestServer();
    const client = await NluClient.connect({ ...options, addresses: [server.address] });
    try {
      const bad = { ...definition, config: { ...definition.config, threshold: 3 } };
      const error = await client.train(bad).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'INVALID_DEFINITION', field: 'config.threshold' });
      expect((error as Error).message).toMatch(/^the NLU refused bot weather_bot: .*threshold/);
    } finally {
      client.close();
      await server.close();
    }
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

/** `workers` callers predicting one after the other until `stop()` says so; resolves with what they got. */
function predictUntil(client: NluClient, workers: number, stop: () => boolean): Promise<{ answered: number; failures: string[] }> {
  const failures: string[] = [];
  let answered = 0;
  return Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stop()) {
        try {
          if ((await client.predict('weather in LUX', 's0')).intent === 'weather_intent') answered += 1;
          else failures.push('wrong intent');
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }),
  ).then(() => ({ answered, failures }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('NluClient following the replicas behind a name', () => {
  it('resolves names (through the DNS server a target names), IP literals and target lists into one target per replica', async () => {
    const dns = await new TestDnsServer().start();
    try {
      dns.set('nlu.parley.test', ['127.0.0.2', '127.0.0.1']);
      const resolved = await resolveNluTargets([
        `dns://${dns.address}/nlu.parley.test:5000`,
        'localhost:6000',
        '10.0.0.1:7',
        '[fd00::1]:8',
        'ipv4:10.0.0.2:9,10.0.0.3:9',
        'unix:/run/nlu.sock',
        `dns://${dns.address}/missing.parley.test:1`,
      ]);
      expect(resolved.targets).toEqual([
        'ipv4:10.0.0.1:7',
        'ipv4:10.0.0.2:9',
        'ipv4:10.0.0.3:9',
        'ipv4:127.0.0.1:5000',
        'ipv4:127.0.0.1:6000',
        'ipv4:127.0.0.2:5000',
        'ipv6:[fd00::1]:8',
        'unix:/run/nlu.sock',
      ]);
      expect(resolved.errors).toEqual(['missing.parley.test: ENOTFOUND']);
    } finally {
      await dns.close();
    }
  });

  it('uses every replica, gives one added behind the name its share, and fails no prediction when one is removed', async () => {
    const modelDir = await mkdtemp(join(tmpdir(), 'parley-nlu-named-'));
    const dns = await new TestDnsServer().start();
    const port = await freePort();
    const hosts = ['127.0.0.1', '127.0.0.2', '127.0.0.3'];
    const replicas: NluTestServer[] = [];
    let client: NluClient | undefined;
    try {
      for (const host of hosts.slice(0, 2)) replicas.push(await startNluTestServer({ modelDir, host, port }));
      dns.set('nlu.parley.test', hosts.slice(0, 2));
      client = await NluClient.connect({ ...options, addresses: [`dns://${dns.address}/nlu.parley.test:${port}`], resolveIntervalMs: 200 });
      await client.train(definition);
      await sleep(500); // the other replica's registry refresh (100 ms here)
      const counts = async () => Promise.all(replicas.map((replica) => replica.predictions()));

      // Two replicas: both used, about evenly.
      let before = await counts();
      let stop = false;
      const first = predictUntil(client, 8, () => stop);
      await sleep(1_000);
      stop = true;
      expect((await first).failures).toEqual([]);
      let served = (await counts()).map((count, index) => count - (before[index] ?? 0));
      for (const share of served) expect(share / served.reduce((a, b) => a + b)).toBeGreaterThan(0.3);

      // A third replica behind the name: within the resolve interval it takes a third of the predictions.
      replicas.push(await startNluTestServer({ modelDir, host: hosts[2], port }));
      dns.set('nlu.parley.test', hosts);
      await sleep(1_000); // resolved (200 ms), connected, and its registry has the model
      before = await counts();
      stop = false;
      const second = predictUntil(client, 8, () => stop);
      await sleep(1_000);
      stop = true;
      expect((await second).failures).toEqual([]);
      served = (await counts()).map((count, index) => count - (before[index] ?? 0));
      expect(served[2] ?? 0).toBeGreaterThan(0.2 * served.reduce((a, b) => a + b));

      // The second replica leaves the name and shuts down under load: no prediction fails.
      stop = false;
      const third = predictUntil(client, 8, () => stop);
      await sleep(300);
      dns.set('nlu.parley.test', [hosts[0] ?? '', hosts[2] ?? '']);
      await replicas[1]?.close();
      await sleep(1_000);
      stop = true;
      const result = await third;
      expect(result.failures).toEqual([]);
      expect(result.answered).toBeGreaterThan(100);
    } finally {
      client?.close();
      for (const [index, replica] of replicas.entries()) if (index !== 1) await replica.close();
      await dns.close();
      await rm(modelDir, { recursive: true, force: true });
    }
  });

  it('loses no prediction when the NLU recycles its connections (max connection age 300 ms, grace 200 ms)', async () => {
    // The model is trained first on a server that keeps its connections: a training longer than age and grace
    // would be cut too (as documented), and Train is not what this test is about.
    const modelDir = await mkdtemp(join(tmpdir(), 'parley-nlu-recycled-'));
    const trainer = await startNluTestServer({ modelDir });
    const trained = await NluClient.connect({ ...options, addresses: [trainer.address] });
    await trained.train(definition);
    trained.close();
    await trainer.close();
    const server = await startNluTestServer({
      modelDir,
      env: { PARLEY_NLU_MAX_CONNECTION_AGE_MS: '300', PARLEY_NLU_MAX_CONNECTION_AGE_GRACE_MS: '200' },
    });
    const client = await NluClient.connect({ ...options, addresses: [server.address] });
    try {
      await client.train(definition); // the same definition: reused at once
      let stop = false;
      const load = predictUntil(client, 8, () => stop);
      await sleep(3_000); // about ten connections, each cut 200 ms after its GOAWAY with streams still open
      stop = true;
      const result = await load;
      expect(result.failures).toEqual([]);
      expect(result.answered).toBeGreaterThan(100);
    } finally {
      client.close();
      await server.close();
      await rm(modelDir, { recursive: true, force: true });
    }
  });
});
