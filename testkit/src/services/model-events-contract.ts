/**
 * What every model event transport (Redis pub/sub, PostgreSQL LISTEN/NOTIFY) must deliver, run against the real
 * server: two NLU replicas built in-process on one model directory, each re-reading it only every 60 s, so what
 * one learns of the other's changes within a second it learned from an announcement. Both reach the server
 * through a TCP proxy, so a test can cut every connection and bring the server back. Training runs in the
 * worker process (built dist), so the replica under load keeps answering meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { nluV1 } from '@parley/proto';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServer } from '../session-store/server-gate';
import { TcpProxy } from '../session-store/tcp-proxy';
import { WorkerTrainer } from '../../../services/nlu/src/index';
import { encodeModelChange } from '../../../services/nlu/src/registry/model-change';
import { openModelEventChannel } from '../../../services/nlu/src/registry/open-model-event-channel';
import { startNlu, tinyDefinition, train, type NluUnderTest } from '../reliability/nlu-under-test';
import { decodeResponse } from '../reliability/raw-grpc';

const REFRESH_MS = 60_000;
/** How soon the other replica must act on an announcement. */
const ANNOUNCED_WITHIN_MS = 1_000;
/** Reconnect attempts come at least every 2 s; then every model is re-read. */
const RECONNECTED_WITHIN_MS = 6_000;
const TEXTS = ['hello', 'see you later', 'is it raining in BCN', 'good night'];
/** Tests that train twice in the worker process: generous on a loaded 2-core machine. */
const TRAINING_TEST_TIMEOUT_MS = 120_000;

/** Version n of a model: the tiny definition with n extra greetings, so each n trains a version of its own. */
function definition(model: string, n: number): nluV1.BotDefinition {
  const base = tinyDefinition(model);
  const extra = Array.from({ length: n }, (_, index) => `greetings number ${index + 1}`);
  const intents = (base.intents ?? []).map((intent) =>
    intent.name === 'greet' ? { ...intent, trainingSentences: [...(intent.trainingSentences ?? []), ...extra] } : intent,
  );
  return { ...base, intents };
}

async function trainVersion(replica: NluUnderTest, model: string, n: number, aliases: string[]): Promise<string> {
  return (await train(replica.client, definition(model, n), aliases)).result?.version ?? '';
}

/** The version that answered, or the failure as "STATUS details". */
async function predictVersion(replica: NluUnderTest, model: string, ref: string, text = 'hello'): Promise<string> {
  const answer = await replica.client.nlu('Predict', { model, ref, text }, { deadlineMs: 2_000 });
  if (answer.status !== 'OK') return `${answer.status} ${answer.details}`;
  return decodeResponse<nluV1.IntentClassifierPrediction__Output>('Predict', answer.messages[0] ?? Buffer.alloc(0)).modelVersion;
}

async function expectOk(replica: NluUnderTest, method: string, request: object): Promise<void> {
  const answer = await replica.client.nlu(method, request);
  expect(`${answer.status} ${answer.details}`).toBe('OK ');
}

async function resident(replica: NluUnderTest, model: string, version: string): Promise<boolean> {
  return (await replica.server.metrics.text()).includes(`parley_nlu_model_memory_bytes{model="${model}",version="${version}"}`);
}

async function eventCount(replica: NluUnderTest, change: string, stage: string): Promise<number> {
  const text = await replica.server.metrics.text();
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`parley_nlu_model_events_total{change="${change}",stage="${stage}"} `));
  return Number(line?.split(' ').at(-1) ?? 0);
}

/** Polls `check` every 20 ms until it holds; returns how long that took, or fails after `withinMs`. */
async function eventually(what: string, withinMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

export interface ModelEventsTransport {
  name: string;
  /** The server: redis://… or postgres://… */
  url: string;
  /** Why it cannot run: the tests then fail under CI=true and are skipped elsewhere. */
  unreachable: string | undefined;
  /** How many connections the server holds under this client name. */
  connectionsNamed(name: string): Promise<number>;
}

export function describeModelEventsContract(transport: ModelEventsTransport): void {
  const { name: transportName, url: serverUrl, unreachable } = transport;
  describeWithServer(`NLU model events over ${transportName}`, transportName, unreachable, () => {
    const server = new URL(serverUrl);
    const proxy = new TcpProxy(server.hostname, Number(server.port));
    let modelDir = '';
    let a: NluUnderTest;
    let b: NluUnderTest;

    beforeAll(async () => {
      await proxy.start();
      const proxied = new URL(serverUrl);
      proxied.host = `127.0.0.1:${proxy.port}`;
      modelDir = await mkdtemp(join(tmpdir(), 'parley-model-events-'));
      const env = {
        PARLEY_MODEL_DIR: modelDir,
        PARLEY_REGISTRY_REFRESH_MS: String(REFRESH_MS),
        PARLEY_MODEL_EVENTS_URL: proxied.toString(),
      };
      a = await startNlu(env, new WorkerTrainer());
      b = await startNlu(env, new WorkerTrainer());
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await proxy.stop();
      await rm(modelDir, { recursive: true, force: true });
    });

    it(
      'a new version and a moved alias reach the other replica within a second, loaded there before the alias moves',
      async () => {
        const v1 = await trainVersion(a, 'events_bot', 0, ['production']);
        expect(await predictVersion(b, 'events_bot', 'production')).toBe(v1);
        const v2 = await trainVersion(a, 'events_bot', 1, ['staging']);
        // B never predicted with v2, but the model is in use there: the announcement alone made B load it.
        await eventually('v2 in memory on B', ANNOUNCED_WITHIN_MS, () => resident(b, 'events_bot', v2));
        expect(await predictVersion(b, 'events_bot', 'production')).toBe(v1);

        // B knows "production" already, so Predict resolves it from memory: no miss makes B re-read the directory.
        await expectOk(a, 'SetAlias', { model: 'events_bot', alias: 'production', version: v2 });
        await eventually(
          'B answers production with v2',
          ANNOUNCED_WITHIN_MS,
          async () => (await predictVersion(b, 'events_bot', 'production')) === v2,
        );
        expect(await eventCount(a, 'alias-set', 'published')).toBeGreaterThanOrEqual(2);
        expect(await eventCount(b, 'alias-set', 'applied')).toBeGreaterThanOrEqual(2);
        expect(await eventCount(b, 'version-added', 'applied')).toBeGreaterThanOrEqual(1);
      },
      TRAINING_TEST_TIMEOUT_MS,
    );

    it('a version deleted on one replica leaves every replica’s memory at once', async () => {
      const v1 = (await b.server.service.getModel('events_bot')).versions[0]?.version ?? '';
      expect(await resident(b, 'events_bot', v1)).toBe(true);
      await expectOk(a, 'DeleteModel', { model: 'events_bot', version: v1 });
      await eventually('v1 unloaded on B', ANNOUNCED_WITHIN_MS, async () => !(await resident(b, 'events_bot', v1)));
      expect(await predictVersion(b, 'events_bot', v1)).toMatch(/^NOT_FOUND/);
      expect(await eventCount(b, 'version-deleted', 'applied')).toBeGreaterThanOrEqual(1);
    });

    it(
      'hot swap: Predict hammered on B by production while A trains and moves production: no failed call, old then new',
      async () => {
        const v1 = await trainVersion(a, 'swap_bot', 0, ['production']);
        expect(await predictVersion(b, 'swap_bot', 'production')).toBe(v1);
        let stop = false;
        const answers = TEXTS.map((): string[] => []);
        const clients = TEXTS.map(async (text, client) => {
          while (!stop) answers[client]?.push(await predictVersion(b, 'swap_bot', 'production', text));
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        const v2 = await trainVersion(a, 'swap_bot', 1, ['production']);
        await eventually('every client answered by v2', ANNOUNCED_WITHIN_MS, async () => answers.every((seen) => seen.at(-1) === v2));
        await new Promise((resolve) => setTimeout(resolve, 200));
        stop = true;
        await Promise.all(clients);

        const failed = answers.flat().filter((version) => version !== v1 && version !== v2);
        expect(failed).toEqual([]);
        for (const seen of answers) {
          const firstNew = seen.indexOf(v2);
          expect(firstNew).toBeGreaterThan(0);
          expect(seen.slice(0, firstNew).every((version) => version === v1)).toBe(true);
          expect(seen.slice(firstNew).every((version) => version === v2)).toBe(true);
        }
        expect(answers.flat().length).toBeGreaterThan(100);
      },
      TRAINING_TEST_TIMEOUT_MS,
    );

    it('when the connection drops, replicas keep answering, catch up once it is back, and hear announcements again', async () => {
      const model = await b.server.service.getModel('swap_bot');
      const [v1, v2] = model.versions.map((version) => version.version);
      expect(model.aliases['production']).toBe(v2);
      const published = await eventCount(a, 'alias-set', 'published');
      const lost = await eventCount(a, 'alias-set', 'publish_failed');

      await proxy.stop();
      await expectOk(a, 'SetAlias', { model: 'swap_bot', alias: 'production', version: v1 });
      await eventually(
        'A gave up announcing',
        RECONNECTED_WITHIN_MS,
        async () => (await eventCount(a, 'alias-set', 'publish_failed')) > lost,
      );
      // The announcement is lost and polling is 60 s away: B still serves v2, until it reconnects and catches up.
      expect(await predictVersion(b, 'swap_bot', 'production')).toBe(v2);

      await proxy.start();
      await eventually(
        'B caught up after reconnecting',
        RECONNECTED_WITHIN_MS,
        async () => (await predictVersion(b, 'swap_bot', 'production')) === v1,
      );
      await expectOk(a, 'SetAlias', { model: 'swap_bot', alias: 'production', version: v2 });
      await eventually(
        'B heard the next announcement',
        RECONNECTED_WITHIN_MS,
        async () => (await predictVersion(b, 'swap_bot', 'production')) === v2,
      );
      expect(await eventCount(a, 'alias-set', 'published')).toBeGreaterThan(published);
    });

    it('a channel hears its own announcements, and close() ends every connection it opened', async () => {
      const name = `parley-test-${randomBytes(4).toString('hex')}`;
      const channel = openModelEventChannel(serverUrl, pino({ level: 'silent' }), name);
      const heard: string[] = [];
      await channel.start({ onMessage: (text) => heard.push(text), onReconnect: () => undefined });
      // A model no replica has: every replica listening re-reads nothing.
      const message = encodeModelChange({ modelId: `nobody_${name}`, change: 'model-deleted' });
      await channel.publish(message);
      await eventually('the channel heard its message', ANNOUNCED_WITHIN_MS, async () => heard.includes(message));
      expect(await transport.connectionsNamed(name)).toBe(2);
      await channel.close();
      await eventually('no connection left', ANNOUNCED_WITHIN_MS, async () => (await transport.connectionsNamed(name)) === 0);
    });

    it('a channel started while its server is down subscribes once the server is up, and asks to catch up', async () => {
      const late = new TcpProxy(server.hostname, Number(server.port));
      await late.start();
      await late.stop();
      const url = new URL(serverUrl);
      url.host = `127.0.0.1:${late.port}`;
      const channel = openModelEventChannel(url.toString(), pino({ level: 'silent' }));
      let catchUps = 0;
      const heard: string[] = [];
      try {
        await channel.start({ onMessage: (text) => heard.push(text), onReconnect: () => catchUps++ });
        await late.start();
        await eventually('subscribed, and asked to catch up', RECONNECTED_WITHIN_MS, async () => catchUps === 1);
        const message = encodeModelChange({ modelId: `nobody_late_${randomBytes(4).toString('hex')}`, change: 'model-deleted' });
        await channel.publish(message);
        await eventually('the channel heard its message', ANNOUNCED_WITHIN_MS, async () => heard.includes(message));
      } finally {
        await channel.close();
        await late.stop();
      }
    });
  });
}
