/**
 * The app's HTTP edge through app.inject(): how bodies are read (bytes that must be UTF-8, JSON only, empty means
 * none), how long a path parameter may be, and the bounds of the history query. A real bot, a real memory store,
 * and in place of the NLU service a predictor that understands nothing (every text is the fallback).
 */
import { FALLBACK_INTENT, type IntentClassifierPrediction } from '@parley/domain';
import { greetingsBot } from '@parley/examples';
import { MemorySessionStore } from '@parley/session-store';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig } from './config';

const BODY_LIMIT = 4096;

const understandsNothing = {
  async predict(_text: string, scope: string): Promise<IntentClassifierPrediction> {
    return {
      intent: FALLBACK_INTENT,
      score: 1,
      matchedSentence: '',
      matchedParameters: [],
      ranking: [],
      scope,
      modelVersion: 'none',
      fallbackReason: 'LOW_CONFIDENCE',
    };
  },
  async ping(): Promise<void> {},
};

let app: FastifyInstance;
let store: MemorySessionStore;

beforeAll(async () => {
  const config = loadConfig({ PARLEY_STORE: 'memory', PARLEY_LOG_LEVEL: 'silent', PARLEY_BODY_LIMIT_BYTES: String(BODY_LIMIT) });
  store = new MemorySessionStore({ ttlSeconds: 0 });
  app = await buildApp(config, { bot: greetingsBot, store, nlu: understandsNothing });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const inject = (options: InjectOptions) => app.inject(options);
const json = (url: string, payload: string | Buffer) =>
  inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });

async function createSession(id: string): Promise<void> {
  const response = await inject({ method: 'POST', url: '/v1/sessions', payload: { id } });
  expect(response.statusCode).toBe(201);
}

async function userTexts(id: string): Promise<unknown[]> {
  const page = (await inject({ method: 'GET', url: `/v1/sessions/${id}/history?limit=500` })).json() as {
    entries: Array<{ sender: number; content: unknown }>;
  };
  return page.entries.filter((entry) => entry.sender === 1).map((entry) => entry.content);
}

function expectRefusal(response: { statusCode: number; json(): unknown }, status: number, code: string, messageStart: string): void {
  expect(response.statusCode).toBe(status);
  expect(response.json()).toEqual({ error: { code, message: expect.stringMatching(new RegExp(`^${messageStart}`)) } });
}

describe('request bodies', () => {
  it.each([
    ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
    ['a truncated 3-byte sequence', [0xe2, 0x82]],
    ['byte 0xFF', [0xff]],
    ['a lone continuation byte', [0x80]],
    ['an overlong NUL', [0xc0, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses a body with invalid UTF-8 (%s) naming body, and leaves the session alone', async (_name, bytes) => {
    await createSession('utf8-refused');
    const payload = Buffer.concat([Buffer.from('{"text":"a'), Buffer.from(bytes), Buffer.from('b"}')]);
    expectRefusal(await json('/v1/sessions/utf8-refused/messages', payload), 400, 'INVALID_ARGUMENT', 'body');
    expect(await userTexts('utf8-refused')).toEqual([]);
    await inject({ method: 'DELETE', url: '/v1/sessions/utf8-refused' });
  });

  it('reads multi-byte UTF-8 exactly', async () => {
    await createSession('utf8-kept');
    const text = 'café 👋🏽 日本語';
    const response = await json('/v1/sessions/utf8-kept/messages', Buffer.from(JSON.stringify({ text })));
    expect(response.statusCode).toBe(200);
    expect(await userTexts('utf8-kept')).toEqual([text]);
  });

  it('keeps the other body rules: empty means none, only JSON, the size limit, well-formed JSON', async () => {
    expect((await json('/v1/sessions', '')).statusCode).toBe(201);
    expect((await inject({ method: 'POST', url: '/v1/sessions' })).statusCode).toBe(201);
    const plain = await inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'text/plain' }, payload: '{}' });
    expectRefusal(plain, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    expectRefusal(await json('/v1/sessions', `{"id":"${'a'.repeat(BODY_LIMIT)}"}`), 413, 'PAYLOAD_TOO_LARGE', 'body');
    expectRefusal(await json('/v1/sessions', '{"id":'), 400, 'INVALID_ARGUMENT', 'body');
    expectRefusal(await json('/v1/sessions', '{"__proto__":{"id":"x"}}'), 400, 'INVALID_ARGUMENT', 'body');
  });

  it.each([
    ['null', 'body: must be object'],
    ['[]', 'body: must be object'],
    ['"id"', 'body: must be object'],
  ])('refuses the JSON body %s on create: only an empty body means "no body"', async (payload, message) => {
    const response = await json('/v1/sessions', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'INVALID_ARGUMENT', message } });
  });
});

describe('session ids in the path', () => {
  it('reaches a session whose id has the longest length the pattern allows (128)', async () => {
    const id = 'l'.repeat(128);
    await createSession(id);
    expect((await inject({ method: 'GET', url: `/v1/sessions/${id}` })).statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: `/v1/sessions/${id}/history` })).statusCode).toBe(200);
    expect((await json(`/v1/sessions/${id}/messages`, '{"text":"hi"}')).statusCode).toBe(200);
    expect((await inject({ method: 'DELETE', url: `/v1/sessions/${id}` })).statusCode).toBe(204);
  });

  it('refuses an id one character too long with a 400 naming id, not a 404 from the router', async () => {
    expectRefusal(await inject({ method: 'GET', url: `/v1/sessions/${'l'.repeat(129)}` }), 400, 'INVALID_ARGUMENT', 'id:');
  });
});

describe('history paging', () => {
  it.each(['offset=1e400', 'offset=9007199254740992', 'offset=-1', 'offset=1.5'])('refuses ?%s naming offset', async (query) => {
    await createSession('paged');
    expectRefusal(await inject({ method: 'GET', url: `/v1/sessions/paged/history?${query}` }), 400, 'INVALID_ARGUMENT', 'offset:');
    await inject({ method: 'DELETE', url: '/v1/sessions/paged' });
  });

  it('answers an offset past the end with an empty page', async () => {
    await createSession('far');
    const response = await inject({ method: 'GET', url: '/v1/sessions/far/history?offset=1e15' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ entries: [], offset: 1e15, limit: 50 });
  });
});
