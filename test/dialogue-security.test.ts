/**
 * The dialogue service's access controls beyond the API-key matrix (test/reliability/bad-input-auth.test.ts): rate
 * limits per API key and per client address, with the operations routes exempt; no API key ever reaching the log;
 * and the dialogue's NLU client sending PARLEY_NLU_API_KEY to an NLU service that requires keys.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pino from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../services/dialogue/src/app';
import { loadConfig } from '../services/dialogue/src/config';
import { NluClient } from '../services/dialogue/src/nlu/nlu-client';
import { startNlu, type NluUnderTest } from '@parley/testkit/reliability/nlu-under-test';
import { startDialogueTestApp, TEST_ENV, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';

const KEYS = ['security-key-one-0123456789', 'security-key-two-0123456789'] as const;
const LIMIT = 3;

describe('rate limits (PARLEY_RATE_LIMIT_PER_MINUTE)', () => {
  let harness: DialogueTestApp;
  const get = (url: string, options: Partial<InjectOptions> = {}) => harness.app.inject({ method: 'GET', url, ...options });
  const withKey = (key: string, remoteAddress = '10.0.0.1') => ({ headers: { 'x-api-key': key }, remoteAddress });

  beforeAll(async () => {
    harness = await startDialogueTestApp(createFixtureBot(), {
      env: { PARLEY_API_KEYS: KEYS.join(','), PARLEY_RATE_LIMIT_PER_MINUTE: String(LIMIT) },
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('gives each API key its own budget, then 429 RATE_LIMITED with Retry-After', async () => {
    // Different addresses, one key: the key's budget, wherever the requests come from.
    const statuses = [];
    for (let i = 0; i < LIMIT; i += 1) statuses.push((await get('/v1/sessions/none', withKey(KEYS[0], `10.0.1.${i}`))).statusCode);
    expect(statuses).toEqual([404, 404, 404]);
    const limited = await get('/v1/sessions/none', withKey(KEYS[0], '10.0.1.99'));
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^rate limit: more than 3 requests in a minute; retry in \d+/) },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    // The other key, from the same address, is not affected.
    expect((await get('/v1/sessions/none', withKey(KEYS[1], '10.0.1.99'))).statusCode).toBe(404);
  });

  it('counts requests without a valid key against their address, so made-up keys do not escape the limit', async () => {
    const address = '10.0.2.1';
    const statuses = [];
    for (let i = 0; i < LIMIT; i += 1)
      statuses.push(
        (await get('/v1/sessions/none', { headers: { 'x-api-key': `made-up-key-${i}-0123456789` }, remoteAddress: address })).statusCode,
      );
    expect(statuses).toEqual([401, 401, 401]);
    expect((await get('/v1/sessions/none', { remoteAddress: address })).statusCode).toBe(429);
    // A valid key from that address has a budget of its own.
    expect((await get('/v1/sessions/none', withKey(KEYS[1], address))).statusCode).toBe(404);
  });

  it('never limits /health, /ready and /metrics', async () => {
    const address = '10.0.3.1';
    for (let i = 0; i < LIMIT; i += 1) await get('/v1/sessions/none', { remoteAddress: address });
    expect((await get('/v1/sessions/none', { remoteAddress: address })).statusCode).toBe(429);
    for (const url of ['/health', '/ready', '/metrics']) {
      const statuses = [];
      for (let i = 0; i < LIMIT + 2; i += 1) statuses.push((await get(url, { remoteAddress: address })).statusCode);
      expect(statuses, url).toEqual(new Array(LIMIT + 2).fill(200));
    }
  });
});

describe('rate limits without API keys, behind one proxy (PARLEY_TRUST_PROXY_HOPS=1)', () => {
  let harness: DialogueTestApp;
  beforeAll(async () => {
    harness = await startDialogueTestApp(createFixtureBot(), {
      env: { PARLEY_RATE_LIMIT_PER_MINUTE: String(LIMIT), PARLEY_TRUST_PROXY_HOPS: '1' },
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('limits each client address, whatever X-API-Key it sends', async () => {
    const send = (remoteAddress: string, key: string) =>
      harness.app.inject({ method: 'POST', url: '/v1/sessions', headers: { 'x-api-key': key }, remoteAddress });
    const statuses = [];
    for (let i = 0; i <= LIMIT; i += 1) statuses.push((await send('10.1.0.1', `rotating-key-${i}-0123456789`)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await send('10.1.0.2', 'any')).statusCode).toBe(201);
  });

  it("takes the client address the proxy forwarded, not the proxy's, and not one the client made up", async () => {
    const proxy = '10.2.0.1';
    // The proxy appends the address it saw; anything before it came from the client.
    const send = (client: string, claimed = '') =>
      harness.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        remoteAddress: proxy,
        headers: { 'x-forwarded-for': claimed === '' ? client : `${claimed}, ${client}` },
      });
    const statuses = [];
    for (let i = 0; i <= LIMIT; i += 1) statuses.push((await send('192.0.2.1', `198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await send('192.0.2.2')).statusCode).toBe(201);
  });
});

describe('API keys and the log', () => {
  let harness: DialogueTestApp;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    harness = await startDialogueTestApp(createFixtureBot());
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const config = loadConfig({ ...TEST_ENV, PARLEY_API_KEYS: KEYS.join(',') });
    app = await buildApp(config, { bot: createFixtureBot(), store: harness.store, nlu: harness.nlu, logger });
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
  });

  it('logs the WebSocket upgrade and the page request with the key parameter redacted', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${address.replace('http', 'ws')}/v1/ws?key=${KEYS[0]}`);
      socket.on('message', () => {
        socket.close();
        resolve();
      });
      socket.on('error', reject);
    });
    await app.inject({ method: 'GET', url: `/?key=${KEYS[1]}` });
    const log = lines.join('');
    expect(log).toContain('/v1/ws?key=[redacted]');
    expect(log).toContain('/?key=[redacted]');
    for (const key of KEYS) expect(log).not.toContain(key);
  });

  it('redacts every query parameter that can carry a secret, in any case and encoding, wherever it is sent', async () => {
    const names = ['KEY', 'Key', 'api_key', 'API_KEY', 'apikey', 'apiKey', 'x-api-key', 'access_token', 'token', 'auth', '%6Bey'];
    const secrets = names.map((_, index) => `secret-value-${index}-0123456789`);
    for (const [index, name] of names.entries()) {
      await app.inject({ method: 'GET', url: `/v1/sessions/abc?${name}=${secrets[index]}&limit=5` });
      await app.inject({ method: 'GET', url: `/health?${name}=${secrets[index]}` });
    }
    const log = lines.join('');
    for (const name of names) expect(log).toContain(`?${name}=[redacted]&limit=5`);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});

describe('the dialogue NLU client and PARLEY_NLU_API_KEY', () => {
  const NLU_KEY = 'dialogue-to-nlu-key-0123456789';
  let nlu: NluUnderTest;
  beforeAll(async () => {
    nlu = await startNlu({ PARLEY_NLU_TRAINER: 'inline', PARLEY_NLU_API_KEYS: NLU_KEY });
  });
  afterAll(async () => {
    await nlu?.close();
  });

  const connect = (env: Record<string, string>) =>
    NluClient.connect({ ...loadConfig({ ...TEST_ENV, ...env }).nlu, addresses: [nlu.address], trainTimeoutMs: 30_000 });

  it('trains and predicts with the key', async () => {
    const client = await connect({ PARLEY_NLU_API_KEY: NLU_KEY });
    try {
      await client.train(createFixtureBot().definition());
      await client.ping();
      expect((await client.predict('hello', '*')).intent).toBe('hello_intent');
    } finally {
      client.close();
    }
  });

  it('is refused without it, and says so', async () => {
    const client = await connect({});
    try {
      await expect(client.train(createFixtureBot().definition())).rejects.toMatchObject({
        code: 'NLU_UNAVAILABLE',
        message: expect.stringContaining('UNAUTHENTICATED'),
      });
    } finally {
      client.close();
    }
  });
});
