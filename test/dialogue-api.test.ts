import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '@parley/session-store';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

describe('dialogue REST API (real NLU, memory store)', () => {
  let harness: DialogueTestApp;
  const inject = (options: InjectOptions) => harness.app.inject(options);
  const post = (url: string, payload?: unknown) =>
    inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    harness = await startDialogueTestApp(createFixtureBot());
  });
  afterAll(async () => {
    await harness?.close();
  });

  describe('sessions', () => {
    it('answers a plain HTTP GET of the WebSocket route with a registered JSON error, not a bare 404', async () => {
      const response = await inject({ method: 'GET', url: '/v1/ws' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    });

    it('creates a session with a random 128-bit id and runs the initial body', async () => {
      const response = await post('/v1/sessions');
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body.id).toMatch(/^[0-9a-f]{32}$/);
      expect(body).toMatchObject({ state: 'idle', replies: [{ type: 'str', content: 'Welcome!' }] });
      expect(response.headers.location).toBe(`/v1/sessions/${body.id}`);
    });

    it('creates a session with a client id, and refuses the same id twice (409)', async () => {
      expect((await post('/v1/sessions', { id: 'client-chosen_1' })).statusCode).toBe(201);
      const again = await post('/v1/sessions', { id: 'client-chosen_1' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toEqual({ error: { code: 'SESSION_EXISTS', message: expect.stringContaining('client-chosen_1') } });
    });

    it('accepts an empty JSON body as "no id"', async () => {
      const response = await inject({ method: 'POST', url: '/v1/sessions', headers: { 'content-type': 'application/json' }, payload: '' });
      expect(response.statusCode).toBe(201);
    });

    it('refuses a client id outside the documented pattern, naming the field', async () => {
      for (const id of ['has space', 'x'.repeat(129), '', 'dot.ted', 'ü']) {
        const response = await post('/v1/sessions', { id });
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^id: /) });
      }
    });
  });

  describe('a conversation', () => {
    it('answers messages with replies, state and the prediction, and keeps variables and history', async () => {
      await post('/v1/sessions', { id: 'talk' });
      const hello = await post('/v1/sessions/talk/messages', { text: 'hello' });
      expect(hello.statusCode).toBe(200);
      expect(hello.json()).toMatchObject({
        id: 'talk',
        state: 'hello_state',
        replies: [{ type: 'options', content: ['Weather', 'Nothing'] }],
        prediction: { intent: 'hello_intent', scope: 'idle', fallbackReason: 'NONE', matchedParameters: [] },
      });

      const weather = (await post('/v1/sessions/talk/messages', { text: 'weather in barna' })).json();
      expect(weather.state).toBe('idle');
      expect(weather.replies).toEqual([
        { type: 'str', content: 'Sunny in Barcelona' },
        { type: 'str', content: 'Welcome!' },
      ]);
      expect(weather.prediction).toMatchObject({ intent: 'weather_intent', scope: 'hello_state' });
      expect(weather.prediction.matchedParameters).toEqual([{ name: 'city1', value: 'Barcelona', info: expect.any(Object) }]);

      const session = (await inject({ method: 'GET', url: '/v1/sessions/talk' })).json();
      expect(session).toEqual({
        id: 'talk',
        state: 'idle',
        variables: { greetings: 1, city: 'Barcelona' },
        // The last PARLEY_HISTORY_WINDOW (6) rows.
        chatHistory: [
          ['Welcome!', 0],
          ['hello', 1],
          [expect.any(String), 0],
          ['weather in barna', 1],
          ['Sunny in Barcelona', 0],
          ['Welcome!', 0],
        ],
      });
    });

    it('runs the fallback body on text the state does not understand, and stays', async () => {
      await post('/v1/sessions', { id: 'lost' });
      const response = (await post('/v1/sessions/lost/messages', { text: 'zebra quantum spaghetti' })).json();
      expect(response).toMatchObject({ state: 'idle', replies: [{ type: 'str', content: "Sorry, I didn't get it" }] });
      expect(response.prediction).toMatchObject({ intent: 'fallback_intent' });
    });

    it('takes a file transition for an allowed type and runs the fallback body for another', async () => {
      await post('/v1/sessions', { id: 'files' });
      const png = await post('/v1/sessions/files/files', { name: 'cat.png', type: 'image/png', base64: PNG });
      expect(png.statusCode).toBe(200);
      expect(png.json()).toMatchObject({
        state: 'idle',
        replies: [
          { type: 'str', content: 'Got cat.png' },
          { type: 'str', content: 'Welcome!' },
        ],
      });
      expect(png.json().prediction).toBeUndefined();
      const pdf = (await post('/v1/sessions/files/files', { name: 'cv.pdf', type: 'application/pdf', base64: PNG })).json();
      expect(pdf.replies).toEqual([{ type: 'str', content: "Sorry, I didn't get it" }]);
    });

    it('takes an event transition when its predicate holds, and ignores it otherwise', async () => {
      await post('/v1/sessions', { id: 'events' });
      const ping = await post('/v1/sessions/events/events', { name: 'ping', params: { n: 1 } });
      expect(ping.statusCode).toBe(200);
      expect(ping.json().replies[0]).toEqual({ type: 'json', content: { pong: { n: 1 } } });
      const quiet = (await post('/v1/sessions/events/events', { name: 'ping', params: { loud: false } })).json();
      expect(quiet).toMatchObject({ state: 'idle', replies: [] });
      const noParams = await post('/v1/sessions/events/events', { name: 'ping' });
      expect(noParams.json().replies[0]).toEqual({ type: 'json', content: { pong: {} } });
    });

    it('answers 50 concurrent retries of one messageId identically, running the turn once', async () => {
      await post('/v1/sessions', { id: 'retries' });
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => post('/v1/sessions/retries/messages', { text: 'weather in BCN', messageId: 'msg-42' })),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(200));
      expect(new Set(responses.map((response) => response.body)).size).toBe(1);
      const history = (await inject({ method: 'GET', url: '/v1/sessions/retries/history' })).json();
      expect(history.entries.map((entry: { sender: number; text: string }) => [entry.sender, entry.text])).toEqual([
        [0, 'Welcome!'],
        [1, 'weather in BCN'],
        [0, 'Sunny in Barcelona'],
        [0, 'Welcome!'],
      ]);
      const reused = await post('/v1/sessions/retries/messages', { text: 'hello', messageId: 'msg-42' });
      expect(reused.statusCode).toBe(400);
      expect(reused.json().error.message).toMatch(/^messageId msg-42 was already used for a different request/);
    });

    it('pages through the whole history', async () => {
      await post('/v1/sessions', { id: 'paged' });
      for (const text of ['hello', 'weather in LUX']) await post('/v1/sessions/paged/messages', { text });
      const all = (await inject({ method: 'GET', url: '/v1/sessions/paged/history' })).json();
      expect(all.total).toBe(6);
      expect(all.entries.map((entry: { seq: number }) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(all.entries[1]).toMatchObject({ sender: 1, type: 'str', text: 'hello' });
      expect(all).toMatchObject({ offset: 0, limit: 50 });
      const page = (await inject({ method: 'GET', url: '/v1/sessions/paged/history?offset=2&limit=2' })).json();
      expect(page).toMatchObject({ total: 6, offset: 2, limit: 2 });
      expect(page.entries.map((entry: { seq: number }) => entry.seq)).toEqual([3, 4]);
    });

    it('resets to the initial state with no variables and keeps the history', async () => {
      await post('/v1/sessions', { id: 'again' });
      await post('/v1/sessions/again/messages', { text: 'hello' });
      const reset = await post('/v1/sessions/again/reset');
      expect(reset.statusCode).toBe(200);
      expect(reset.json()).toMatchObject({ id: 'again', state: 'idle', replies: [{ type: 'str', content: 'Welcome!' }] });
      const session = (await inject({ method: 'GET', url: '/v1/sessions/again' })).json();
      expect(session).toMatchObject({ state: 'idle', variables: {} });
      expect((await inject({ method: 'GET', url: '/v1/sessions/again/history' })).json().total).toBe(4);
    });

    it('deletes a session (204), after which it is gone (404)', async () => {
      await post('/v1/sessions', { id: 'doomed' });
      const deleted = await inject({ method: 'DELETE', url: '/v1/sessions/doomed' });
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
      expect((await inject({ method: 'GET', url: '/v1/sessions/doomed' })).statusCode).toBe(404);
      expect((await inject({ method: 'DELETE', url: '/v1/sessions/doomed' })).statusCode).toBe(404);
    });
  });

  describe('errors', () => {
    beforeAll(async () => {
      await post('/v1/sessions', { id: 'errs' });
    });

    it.each([
      ['an empty text', { text: '  ' }, 'TEXT_EMPTY', /^text must not be empty/],
      ['a text over the limit', { text: 'x'.repeat(201) }, 'TEXT_TOO_LONG', /^text is longer than 200/],
      ['a text of the wrong type', { text: 5 }, 'INVALID_ARGUMENT', /^text: must be string/],
      ['a missing text', {}, 'INVALID_ARGUMENT', /^text: is required/],
      ['an unknown field', { text: 'hi', txet: 'hi' }, 'INVALID_ARGUMENT', /^txet: is not a known field/],
      ['a malformed messageId', { text: 'hi', messageId: 'a b' }, 'INVALID_ARGUMENT', /^messageId: must match/],
      ['a body that is not an object', [1, 2], 'INVALID_ARGUMENT', /^body: must be object/],
    ])('answers 400 for %s, naming the field', async (_name, payload, code, message) => {
      const response = await post('/v1/sessions/errs/messages', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: { code, message: expect.stringMatching(message) } });
    });

    it.each([
      ['a missing base64', { name: 'a.png', type: 'image/png' }, /^base64: is required/],
      ['a base64 that is not base64', { name: 'a.png', type: 'image/png', base64: 'not base64!' }, /^base64 must be standard base64/],
      ['an empty file name', { name: '', type: 'image/png', base64: PNG }, /^name must be/],
    ])('answers 400 for a file with %s', async (_name, payload, message) => {
      const response = await post('/v1/sessions/errs/files', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(message);
    });

    it('answers 400 for an event without a name or with params that are not an object', async () => {
      expect((await post('/v1/sessions/errs/events', { params: {} })).json().error.message).toMatch(/^name: is required/);
      expect((await post('/v1/sessions/errs/events', { name: 'ping', params: [1] })).json().error.message).toMatch(
        /^params: must be object/,
      );
    });

    it('answers 400 for malformed JSON and for bad paging', async () => {
      const bad = await inject({
        method: 'POST',
        url: '/v1/sessions/errs/messages',
        headers: { 'content-type': 'application/json' },
        payload: '{"text": ',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^body: /) });
      for (const query of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc', 'page=2']) {
        const response = await inject({ method: 'GET', url: `/v1/sessions/errs/history?${query}` });
        expect(response.statusCode, query).toBe(400);
        expect(response.json().error.code).toBe('INVALID_ARGUMENT');
      }
    });

    it('answers 400 for a session id in the path outside the pattern', async () => {
      const response = await post('/v1/sessions/bad%20id/messages', { text: 'hi' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(/^id: must match pattern/);
    });

    it('answers 404 for an unknown session on every session route, and for an unknown route', async () => {
      const requests = [
        { method: 'POST', url: '/v1/sessions/nobody/messages', payload: { text: 'hi' } },
        { method: 'POST', url: '/v1/sessions/nobody/files', payload: { name: 'a.png', type: 'image/png', base64: PNG } },
        { method: 'POST', url: '/v1/sessions/nobody/events', payload: { name: 'ping' } },
        { method: 'GET', url: '/v1/sessions/nobody' },
        { method: 'GET', url: '/v1/sessions/nobody/history' },
        { method: 'POST', url: '/v1/sessions/nobody/reset' },
        { method: 'DELETE', url: '/v1/sessions/nobody' },
      ] as const;
      for (const request of requests) {
        const response = await inject(request);
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
        expect(response.json().error.code).toBe('SESSION_NOT_FOUND');
      }
      const route = await inject({ method: 'GET', url: '/v2/nothing?x=1' });
      expect(route.statusCode).toBe(404);
      expect(route.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'no route GET /v2/nothing' } });
    });

    it('answers 413 for a body over the limit and 415 for a body that is not JSON', async () => {
      const big = await post('/v1/sessions/errs/files', { name: 'big.png', type: 'image/png', base64: 'A'.repeat(10_000) });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      const text = await inject({
        method: 'POST',
        url: '/v1/sessions/errs/messages',
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('leaves the session untouched by refused requests', async () => {
      const history = (await inject({ method: 'GET', url: '/v1/sessions/errs/history' })).json();
      expect(history.total).toBe(1);
    });
  });

  describe('operations', () => {
    it('answers /health and /ready', async () => {
      expect((await inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
      const ready = await inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', nlu: 'ok' } });
    });

    it('exposes Prometheus metrics for turns, predictions, fallbacks, the NLU and the store', async () => {
      const response = await inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      const text = response.body;
      expect(text).toMatch(/parley_dialogue_turn_duration_seconds_count\{kind="message",code="OK"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_predictions_total\{intent="hello_intent"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_fallbacks_total\{reason="[A-Z_]+"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_fallback_ratio 0\.\d+/);
      expect(text).toMatch(/parley_dialogue_nlu_request_duration_seconds_count\{outcome="OK"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_store_operation_duration_seconds_count\{operation="commit",outcome="ok"\} [1-9]/);
    });

    it('serves the OpenAPI document and its UI at /docs', async () => {
      const document = (await inject({ method: 'GET', url: '/docs/json' })).json();
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/v1/sessions', '/v1/sessions/{id}/messages', '/v1/sessions/{id}/history', '/ready', '/metrics']),
      );
      const ui = await inject({ method: 'GET', url: '/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
    });

    it('gives every answer a request id, keeping a well-formed one the client sent', async () => {
      const given = await inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-42' } });
      expect(given.headers['x-request-id']).toBe('trace-42');
      const fresh = await inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\n' } });
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

describe('dialogue REST API when a dependency is down', () => {
  it('answers 503 STORE_UNAVAILABLE when the store cannot be reached, and /ready says why', async () => {
    const store = createSessionStore({ kind: 'redis', url: 'redis://127.0.0.1:1', keyPrefix: 'parley-unreachable:' });
    const harness = await startDialogueTestApp(createFixtureBot('store_down_bot'), { store });
    try {
      const created = await harness.app.inject({ method: 'POST', url: '/v1/sessions' });
      expect(created.statusCode).toBe(503);
      expect(created.json().error.code).toBe('STORE_UNAVAILABLE');
      expect(created.headers['retry-after']).toBe('1');
      const message = await harness.app.inject({ method: 'POST', url: '/v1/sessions/someone/messages', payload: { text: 'hello' } });
      expect(message.statusCode).toBe(503);
      const ready = await harness.app.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', checks: { nlu: 'ok' }, error: { code: 'STORE_UNAVAILABLE' } });
      expect(ready.json().checks.store).not.toBe('ok');
    } finally {
      await harness.close();
    }
  });

  it('answers 503 NLU_UNAVAILABLE when the NLU goes away, leaving the session as it was', async () => {
    const harness = await startDialogueTestApp(createFixtureBot('nlu_down_bot'), { env: { PARLEY_NLU_DEADLINE_MS: '500' } });
    try {
      const inject = (options: InjectOptions) => harness.app.inject(options);
      await inject({ method: 'POST', url: '/v1/sessions', payload: { id: 'stranded' } });
      await inject({ method: 'POST', url: '/v1/sessions/stranded/messages', payload: { text: 'hello' } });
      const before = (await inject({ method: 'GET', url: '/v1/sessions/stranded' })).json();
      await harness.nluServer.close();

      const message = await inject({ method: 'POST', url: '/v1/sessions/stranded/messages', payload: { text: 'weather in BCN' } });
      expect(message.statusCode).toBe(503);
      expect(message.json().error).toMatchObject({ code: 'NLU_UNAVAILABLE', message: expect.stringContaining('NLU') });
      expect((await inject({ method: 'GET', url: '/v1/sessions/stranded' })).json()).toEqual(before);
      const ready = await inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ checks: { store: 'ok' }, error: { code: 'NLU_UNAVAILABLE' } });
      // A turn that needs no prediction (an event) still works: the store is fine.
      expect((await inject({ method: 'POST', url: '/v1/sessions/stranded/events', payload: { name: 'ping' } })).statusCode).toBe(200);
    } finally {
      await harness.close();
    }
  });
});
