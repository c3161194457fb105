/**
 * NLU faults under the dialogue service: the real NLU in-process behind a faulty TCP proxy, the dialogue app (real
 * NluClient, SQLite store) talking to it through the proxy. While the NLU is down (connection refused), hung (no
 * byte comes back) or slower than the deadline, a message gets 503 NLU_UNAVAILABLE with Retry-After within the
 * deadline's reach, over REST and WebSocket alike, and the session is exactly as before; when the NLU comes back,
 * the same session carries on by itself, and a messageId retried after the fault runs its turn once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createSessionStore, type SessionStore } from '@parley/session-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../services/dialogue/src/app';
import { loadConfig } from '../../services/dialogue/src/config';
import { NluClient } from '../../services/dialogue/src/nlu/nlu-client';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { startNluTestServer, type NluTestServer } from '@parley/testkit/services/nlu-test-server';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { FaultyProxy, type ProxyMode } from '@parley/testkit/reliability/faulty-proxy';
import { WsProbe } from '@parley/testkit/reliability/ws-probe';

const DEADLINE_MS = 400;
/** A 503 must come within the deadline, its retries and some slack for a loaded CI machine. */
const ANSWER_WITHIN_MS = DEADLINE_MS * 3 + 1_500;

const log = new CaseLog('fault-nlu', 'fault');
let nluServer: NluTestServer;
let proxy: FaultyProxy;
let nlu: NluClient;
let store: SessionStore;
let app: FastifyInstance;
let wsUrl: string;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'parley-fault-nlu-'));
  nluServer = await startNluTestServer();
  const [host, port] = nluServer.address.split(':');
  proxy = new FaultyProxy(host ?? '127.0.0.1', Number(port));
  await proxy.start();
  const config = loadConfig({
    PARLEY_STORE: 'memory',
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_NLU_DEADLINE_MS: String(DEADLINE_MS),
    PARLEY_NLU_ADDRESS: proxy.address,
  });
  const bot = createFixtureBot();
  nlu = await NluClient.connect(config.nlu);
  await nlu.train(bot.definition());
  store = createSessionStore({ kind: 'sqlite', path: join(directory, 'sessions.db') });
  app = await buildApp(config, { bot, store, nlu });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  wsUrl = `${address.replace('http', 'ws')}/v1/ws`;
});
afterAll(async () => {
  log.write();
  await app?.close();
  await store?.close();
  nlu?.close();
  await proxy?.close();
  await nluServer?.close();
  rmSync(directory, { recursive: true, force: true });
});

async function sessionState(id: string): Promise<string> {
  const [view, history] = await Promise.all([
    app.inject({ method: 'GET', url: `/v1/sessions/${id}` }),
    app.inject({ method: 'GET', url: `/v1/sessions/${id}/history?limit=500` }),
  ]);
  return `${view.statusCode} ${view.body} ${history.body}`;
}

async function message(
  id: string,
  text: string,
  messageId?: string,
): Promise<{ status: number; body: any; retryAfter: unknown; ms: number }> {
  const started = Date.now();
  const response = await app.inject({
    method: 'POST',
    url: `/v1/sessions/${id}/messages`,
    payload: { text, ...(messageId ? { messageId } : {}) },
  });
  return { status: response.statusCode, body: response.json(), retryAfter: response.headers['retry-after'], ms: Date.now() - started };
}

/**
 * After a fault the NLU client reconnects with grpc's back-off (about a second): a client that honours
 * Retry-After gets through within a few tries. Retries until a 200, within 15 s; records how long it took.
 */
async function recovered<T extends { status: number }>(fault: string, attempt: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const answer = await attempt();
    if (answer.status !== 503 || Date.now() - started > 15_000) {
      log.max(`max recovery ms: ${fault}`, Date.now() - started);
      return answer;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const FAULTS: Array<[string, ProxyMode]> = [
  ['NLU down (connection refused)', { kind: 'down' }],
  ['NLU hung (connection open, no answer)', { kind: 'hang' }],
  ['NLU slower than the deadline', { kind: 'delay', ms: DEADLINE_MS + 300 }],
];

describe.each(FAULTS)('%s', (fault, mode) => {
  it('REST: 503 NLU_UNAVAILABLE with Retry-After, the session unchanged; it carries on once the NLU is back', async () => {
    const id = `rest-${mode.kind}`;
    expect((await app.inject({ method: 'POST', url: '/v1/sessions', payload: { id } })).statusCode).toBe(201);
    expect((await message(id, 'hello')).status).toBe(200);
    const before = await sessionState(id);

    await proxy.set(mode);
    const failed = await message(id, 'weather in barna', 'during-fault');
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    const unchanged = (await sessionState(id)) === before;
    await proxy.set({ kind: 'pass' });

    log.max(`max ms to the 503: ${fault}`, failed.ms);
    log.record(`${fault}: REST message`, {
      expected: '503 NLU_UNAVAILABLE',
      got: `${failed.status} ${String(failed.body?.error?.code)}`,
      serverError: failed.status >= 500 && failed.status !== 503,
    });
    expect(failed).toMatchObject({ status: 503, body: { error: { code: 'NLU_UNAVAILABLE' } }, retryAfter: '1' });
    expect(failed.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(ready.statusCode).toBe(503);
    expect(unchanged).toBe(true);

    // Back by itself, no restart: the same messageId now runs its turn, once.
    const retried = await recovered(fault, () => message(id, 'weather in barna', 'during-fault'));
    expect(retried.status).toBe(200);
    expect(retried.body.replies[0]).toEqual({ type: 'str', content: 'Sunny in Barcelona' });
    expect((await message(id, 'weather in barna', 'during-fault')).body).toEqual(retried.body);
    const history = (await app.inject({ method: 'GET', url: `/v1/sessions/${id}/history?limit=500` })).json();
    expect(history.entries.filter((entry: { text: string }) => entry.text === 'weather in barna')).toHaveLength(1);
    expect(
      (await recovered(`${fault} /ready`, async () => ({ status: (await app.inject({ method: 'GET', url: '/ready' })).statusCode })))
        .status,
    ).toBe(200);
  });

  it('WebSocket: an NLU_UNAVAILABLE error frame, the socket open and the session unchanged; then it carries on', async () => {
    const probe = await WsProbe.open(wsUrl);
    try {
      const id = ((await probe.until('session')).frame.message as { id: string }).id;
      await probe.until('bot_reply_str');
      const before = await sessionState(id);

      await proxy.set(mode);
      probe.send(JSON.stringify({ action: 'user_message', message: 'hello' }));
      const error = await probe.next(ANSWER_WITHIN_MS);
      const unchanged = (await sessionState(id)) === before;
      await proxy.set({ kind: 'pass' });

      const code = (error.message as { code?: string }).code;
      log.record(`${fault}: WebSocket message`, {
        expected: 'error NLU_UNAVAILABLE',
        got: `${error.action} ${String(code)}`,
        serverError: code === 'INTERNAL',
      });
      expect(error).toMatchObject({ action: 'error', message: { code: 'NLU_UNAVAILABLE' } });
      expect(unchanged).toBe(true);
      await recovered(`${fault} (REST, before the WebSocket retry)`, () => message(id, 'bye'));
      probe.send(JSON.stringify({ action: 'user_message', message: 'hello' }));
      expect((await probe.until('bot_reply_options')).frame.action).toBe('bot_reply_options');
      expect(probe.isOpen).toBe(true);
    } finally {
      probe.close();
    }
  });
});

describe('NLU slower, but within the deadline', () => {
  it('answers 200: latency alone is no failure', async () => {
    const id = 'slow-but-fine';
    await app.inject({ method: 'POST', url: '/v1/sessions', payload: { id } });
    await recovered('before the slow case', () => message(id, 'bye'));
    await proxy.set({ kind: 'delay', ms: Math.floor(DEADLINE_MS / 8) });
    const answer = await message(id, 'hello');
    await proxy.set({ kind: 'pass' });
    log.record('NLU slower but within the deadline: REST message', {
      expected: '200',
      got: String(answer.status),
      serverError: answer.status >= 500 && answer.status !== 503,
    });
    expect(answer.status).toBe(200);
  });
});

describe('NLU down through a burst of messages', () => {
  it('every message of 40 concurrent sessions gets 503, none is half-saved, and all carry on afterwards', async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `burst-${index}`);
    for (const id of ids) await app.inject({ method: 'POST', url: '/v1/sessions', payload: { id } });
    const before = await Promise.all(ids.map(sessionState));
    await proxy.set({ kind: 'down' });
    const answers = await Promise.all(ids.map((id) => message(id, 'hello')));
    const after = await Promise.all(ids.map(sessionState));
    await proxy.set({ kind: 'pass' });
    const statuses = [...new Set(answers.map((answer) => answer.status))];
    log.record('NLU down: 40 concurrent messages', {
      expected: '503',
      got: statuses.join(','),
      serverError: statuses.some((status) => status >= 500 && status !== 503),
    });
    expect(statuses).toEqual([503]);
    expect(after).toEqual(before);
    const after503 = await Promise.all(ids.map((id) => recovered('NLU down: 40 concurrent messages', () => message(id, 'hello'))));
    expect(after503.map((answer) => answer.status)).toEqual(ids.map(() => 200));
  });
});
