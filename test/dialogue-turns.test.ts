import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '@parley/domain';
import { MemorySessionStore } from '@parley/session-store';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { startNluTestServer, type NluTestServer } from '@parley/testkit/services/nlu-test-server';
import { DialogueMetrics } from '../services/dialogue/src/metrics/dialogue-metrics';
import { NluClient } from '../services/dialogue/src/nlu/nlu-client';
import { SessionTurns } from '../services/dialogue/src/turns/session-turns';
import type { TurnResult } from '../services/dialogue/src/turns/turn-service';

const bot = createFixtureBot('session_turns_bot');
const PINNED = new Date('2030-01-02T03:04:05.000Z');

describe('SessionTurns (real NLU, memory store)', () => {
  let server: NluTestServer;
  let nlu: NluClient;
  let store: MemorySessionStore;
  let turns: SessionTurns;
  const results: TurnResult[] = [];

  beforeAll(async () => {
    server = await startNluTestServer();
    nlu = await NluClient.connect({ addresses: [server.address], deadlineMs: 2_000, trainTimeoutMs: 60_000 });
    await nlu.train(bot.definition());
    store = new MemorySessionStore({ ttlSeconds: 0 });
    const logger = { warn: () => undefined, error: () => undefined };
    turns = new SessionTurns({
      bot,
      store,
      predictor: nlu,
      metrics: new DialogueMetrics(),
      logger,
      historyWindow: 10,
      maxTextLength: 500,
      clock: () => PINNED,
    });
    turns.onResult((result) => results.push(result));
  });
  afterAll(async () => {
    await store?.close();
    nlu?.close();
    await server?.close();
  });

  it('tells listeners every result, and stops when they unsubscribe', async () => {
    const seen: string[] = [];
    const unsubscribe = turns.onResult((result) => seen.push(result.state));
    await turns.create('listened');
    await turns.turn('listened', { kind: 'message', text: 'hello' });
    unsubscribe();
    await turns.turn('listened', { kind: 'message', text: 'weather in Madrid' });
    expect(seen).toEqual(['idle', 'hello_state']);
  });

  it('stamps history and audit with the turn clock', async () => {
    await turns.create('clocked');
    const page = await store.history('clocked', { offset: 0, limit: 10 });
    expect(page.entries.map((entry) => entry.at)).toEqual([PINNED.toISOString()]);
    const { rows } = await store.queryAudit({ sessionId: 'clocked', limit: 10 });
    expect(rows).toEqual([
      { id: rows[0]?.id, sessionId: 'clocked', kind: 'session', state: 'idle', data: { event: 'created' }, at: PINNED.toISOString() },
    ]);
  });

  it('audits the prediction and every transition of a turn', async () => {
    await turns.create('audited');
    await turns.turn('audited', { kind: 'message', text: 'weather in BCN' });
    const audit = (await store.queryAudit({ sessionId: 'audited', limit: 10 })).rows.reverse();
    expect(audit.map((entry) => entry.kind)).toEqual(['session', 'prediction', 'transition', 'transition']);
    expect(audit[1]).toMatchObject({ state: 'idle', intent: 'weather_intent', fallbackReason: 'NONE', score: audit[1]?.data['score'] });
    expect(audit[1]?.data).toMatchObject({
      text: 'weather in BCN',
      intent: 'weather_intent',
      scope: 'idle',
      matchedParameters: [{ name: 'city1', value: 'Barcelona' }],
    });
    expect(audit[2]).toMatchObject({ state: 'idle', data: { source: 'idle', dest: 'weather_state', event: 'intent_matched' } });
    expect(audit[3]).toMatchObject({ state: 'weather_state', data: { source: 'weather_state', dest: 'idle', event: 'auto' } });
  });

  it('runs a message once for 50 concurrent retries with one messageId, and answers them all alike', async () => {
    await turns.create('retried');
    const before = results.length;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => turns.turn('retried', { kind: 'message', text: 'hello' }, 'client-msg-1')),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toMatchObject({ state: 'hello_state', replies: [{ type: 'options' }] });
    const history = await store.history('retried', { offset: 0, limit: 100 });
    expect(history.entries.map((entry) => [entry.sender, entry.type])).toEqual([
      [0, 'str'],
      [1, 'str'],
      [0, 'options'],
    ]);
    expect(results.length - before).toBe(1);
  });

  it('makes files and events idempotent too, and refuses a messageId reused for another request', async () => {
    await turns.create('files-retried');
    const file = { kind: 'file' as const, file: { name: 'a.png', type: 'image/png', base64: 'iVBORw0KGgo=' } };
    const first = await turns.turn('files-retried', file, 'f-1');
    expect(await turns.turn('files-retried', file, 'f-1')).toEqual(first);
    const event = { kind: 'event' as const, name: 'ping', params: { n: 2 } };
    const pong = await turns.turn('files-retried', event, 'e-1');
    expect(await turns.turn('files-retried', event, 'e-1')).toEqual(pong);
    expect((await store.history('files-retried', { offset: 0, limit: 100 })).total).toBe(7);
    const reused = await turns.turn('files-retried', { kind: 'message', text: 'hello' }, 'f-1').catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(ParleyError);
    expect(reused).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'messageId' });
  });

  it('runs concurrent messages of one session one at a time, in arrival order', async () => {
    await turns.create('busy');
    const texts = Array.from({ length: 30 }, (_, i) => `message number ${i}`);
    const answers = await Promise.all(texts.map((text) => turns.turn('busy', { kind: 'message', text })));
    expect(answers).toHaveLength(30);
    const { entries } = await store.history('busy', { offset: 0, limit: 500 });
    expect(entries.filter((entry) => entry.sender === 1).map((entry) => entry.text)).toEqual(texts);
    // Every user row is followed by its own bot reply before the next user row.
    entries.forEach((entry, index) => {
      if (entry.sender === 1) expect(entries[index + 1]?.sender).toBe(0);
    });
  });

  it('refuses bad input before touching the store', async () => {
    await expect(turns.turn('busy', { kind: 'message', text: '' })).rejects.toMatchObject({ code: 'TEXT_EMPTY', field: 'text' });
    await expect(turns.turn('no such id!', { kind: 'message', text: 'hi' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'id',
    });
    await expect(turns.turn('busy', { kind: 'event', name: 'x', params: [] as never })).rejects.toMatchObject({ field: 'params' });
    await expect(turns.create('busy')).rejects.toMatchObject({ code: 'SESSION_EXISTS' });
    await expect(turns.get('nobody')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });
});

describe('SessionTurns when the NLU goes away', () => {
  it('answers NLU_UNAVAILABLE and leaves the session untouched', async () => {
    const server = await startNluTestServer();
    const nlu = await NluClient.connect({ addresses: [server.address], deadlineMs: 500, trainTimeoutMs: 60_000 });
    const store = new MemorySessionStore({ ttlSeconds: 0 });
    try {
      await nlu.train(bot.definition());
      const turns = new SessionTurns({
        bot,
        store,
        predictor: nlu,
        metrics: new DialogueMetrics(),
        logger: console,
        historyWindow: 10,
        maxTextLength: 500,
      });
      await turns.create('stranded');
      await turns.turn('stranded', { kind: 'message', text: 'hello' });
      const before = { session: await store.get('stranded'), history: await store.history('stranded', { offset: 0, limit: 100 }) };
      await server.close();
      const error = await turns.turn('stranded', { kind: 'message', text: 'weather in BCN' }, 'lost-1').catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'NLU_UNAVAILABLE' });
      expect(await store.get('stranded')).toEqual(before.session);
      expect(await store.history('stranded', { offset: 0, limit: 100 })).toEqual(before.history);
      expect(await store.idempotentResponse('stranded', 'lost-1')).toBeUndefined();
    } finally {
      await store.close();
      nlu.close();
      await server.close();
    }
  });
});
