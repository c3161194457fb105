/**
 * Session-store faults under the dialogue service (in-process, real NLU): PostgreSQL and Redis reached through a
 * faulty TCP proxy, cut (down) or frozen (hang), also in the middle of a load; and an SQLite file locked by another
 * writer. While the store cannot be used, every route that needs it answers 503 STORE_UNAVAILABLE with
 * Retry-After (never a 500), /ready says so and /health does not; when the store is back, the service recovers by
 * itself, no acknowledged turn is lost, and a messageId refused during the fault runs exactly once when retried.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { createSessionStore, type SessionStore } from '@parley/session-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import {
  deleteRedisKeys,
  dropPostgresSchema,
  pingPostgres,
  pingRedis,
  POSTGRES_URL,
  REDIS_URL,
  runName,
} from '@parley/testkit/services/backends';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { lostTurns, type AcknowledgedTurn, type HistoryRow } from '@parley/testkit/reliability/acknowledged-turns';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { FaultyProxy, type ProxyMode } from '@parley/testkit/reliability/faulty-proxy';

const log = new CaseLog('fault-store', 'fault');
/**
 * How long a request may take to get its 503 while the store hangs: the store's timeouts, times the requests of the
 * same session queued before it, plus slack.
 */
const HANG_ANSWER_MS = 15_000;

afterAll(() => {
  log.write();
});

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: unknown;
  body: string;
}

async function send(app: FastifyInstance, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object): Promise<Answer> {
  const response = await app.inject({ method, url, ...(payload ? { payload } : {}) });
  const body = response.body;
  const code = response.statusCode >= 400 ? (JSON.parse(body) as { error?: { code?: string } }).error?.code : undefined;
  return { status: response.statusCode, code, retryAfter: response.headers['retry-after'], body };
}

/** Every route that needs the store, for session `id`. */
function storeRoutes(id: string): Array<[string, 'GET' | 'POST' | 'DELETE', string, object?]> {
  return [
    ['message', 'POST', `/v1/sessions/${id}/messages`, { text: 'hello', messageId: 'during-fault' }],
    ['file', 'POST', `/v1/sessions/${id}/files`, { name: 'a.png', type: 'image/png', base64: 'iVBORw0KGgo=' }],
    ['event', 'POST', `/v1/sessions/${id}/events`, { name: 'ping' }],
    ['create', 'POST', '/v1/sessions', {}],
    ['get', 'GET', `/v1/sessions/${id}`],
    ['history', 'GET', `/v1/sessions/${id}/history`],
    ['reset', 'POST', `/v1/sessions/${id}/reset`],
    ['delete', 'DELETE', `/v1/sessions/${id}`],
  ];
}

/**
 * Retries `request` while it answers 503, as a client honouring Retry-After would, for up to 20 s. After a hang,
 * commands the store client gave up on may still reach the server late (a lock taken by nobody, until its lease
 * ends): recovery is by itself, not necessarily at once.
 */
async function untilRecovered(request: () => Promise<Answer>): Promise<{ answer: Answer; ms: number }> {
  const started = Date.now();
  for (;;) {
    const answer = await request();
    if (answer.status !== 503 || Date.now() - started > 20_000) return { answer, ms: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The whole history, a page (the API's longest, 500 rows) at a time. */
async function history(app: FastifyInstance, id: string): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (;;) {
    const page = (await app.inject({ method: 'GET', url: `/v1/sessions/${id}/history?offset=${rows.length}&limit=500` })).json() as {
      entries: HistoryRow[];
      total: number;
    };
    rows.push(...page.entries);
    if (page.entries.length === 0 || rows.length >= page.total) return rows;
  }
}

function describeNetworkStore(
  label: string,
  unreachable: string | undefined,
  target: string,
  open: (proxied: string) => { store: SessionStore; cleanup: () => Promise<void> },
): void {
  describeWithServer(`${label} faults`, label, unreachable, () => {
    let proxy: FaultyProxy;
    let harness: DialogueTestApp;
    let cleanup: () => Promise<void> = async () => undefined;
    const app = (): FastifyInstance => harness.app;

    beforeAll(async () => {
      const url = new URL(target);
      proxy = new FaultyProxy(url.hostname, Number(url.port));
      await proxy.start();
      url.port = String(proxy.port);
      const opened = open(url.toString());
      cleanup = opened.cleanup;
      harness = await startDialogueTestApp(createFixtureBot(), { store: opened.store });
    });
    afterAll(async () => {
      await harness?.close();
      await proxy?.close();
      await cleanup();
    });

    for (const [fault, mode] of [
      ['down', { kind: 'down' }],
      ['hung', { kind: 'hang' }],
    ] as Array<[string, ProxyMode]>) {
      it(`${fault}: every store route answers 503 STORE_UNAVAILABLE; it recovers by itself with the session unchanged`, async () => {
        const id = `store-${fault}`;
        expect((await send(app(), 'POST', '/v1/sessions', { id })).status).toBe(201);
        expect((await send(app(), 'POST', `/v1/sessions/${id}/messages`, { text: 'hello' })).status).toBe(200);
        const before = await history(app(), id);

        await proxy.set(mode);
        // At once: a hung store makes each request wait for its timeout (requests of one session queue for its lock).
        const answers = await Promise.all(
          storeRoutes(id).map(async ([route, method, url, payload]): Promise<[string, Answer, number]> => {
            const started = Date.now();
            const answer = await send(app(), method, url, payload);
            return [route, answer, Date.now() - started];
          }),
        );
        const ready = await send(app(), 'GET', '/ready');
        const health = await send(app(), 'GET', '/health');
        await proxy.set({ kind: 'pass' });
        const retried = await untilRecovered(() =>
          send(app(), 'POST', `/v1/sessions/${id}/messages`, { text: 'hello', messageId: 'during-fault' }),
        );
        log.max(`${label} ${fault}: max recovery ms`, retried.ms);

        for (const [route, answer, ms] of answers) {
          log.record(`${label} ${fault}: ${route}`, {
            expected: '503 STORE_UNAVAILABLE',
            got: `${answer.status} ${String(answer.code)}`,
            serverError: answer.status >= 500 && answer.status !== 503,
          });
          log.max(`${label} ${fault}: max ms to the 503`, ms);
          expect({ route, status: answer.status, code: answer.code, retryAfter: answer.retryAfter }).toEqual({
            route,
            status: 503,
            code: 'STORE_UNAVAILABLE',
            retryAfter: '1',
          });
          expect(ms).toBeLessThan(HANG_ANSWER_MS);
        }
        expect([ready.status, ready.code, health.status]).toEqual([503, 'STORE_UNAVAILABLE', 200]);
        // The turn refused during the fault never ran: after its retry the history holds it once, after the old rows.
        expect(retried.answer.status).toBe(200);
        expect((await send(app(), 'POST', `/v1/sessions/${id}/messages`, { text: 'hello', messageId: 'during-fault' })).body).toBe(
          retried.answer.body,
        );
        const after = await history(app(), id);
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after.length).toBe(before.length + 1 + (JSON.parse(retried.answer.body) as { replies: unknown[] }).replies.length);
      }, 120_000);
    }

    it('down in the middle of a load: only 200s and 503s, no acknowledged turn lost, refused ones run once when retried', async () => {
      const sessions = Array.from({ length: 8 }, (_, index) => `load-${index}`);
      for (const id of sessions) expect((await send(app(), 'POST', '/v1/sessions', { id })).status).toBe(201);
      const acknowledged: AcknowledgedTurn[] = [];
      const refused: Array<Omit<AcknowledgedTurn, 'answer'>> = [];
      const statuses = new Map<number, number>();
      const started = Date.now();
      const fault = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await proxy.set({ kind: 'down' });
        await new Promise((resolve) => setTimeout(resolve, 800));
        await proxy.set({ kind: 'pass' });
      })();
      await Promise.all(
        Array.from({ length: 16 }, async (_, client) => {
          for (let n = 0; Date.now() - started < 3_500; n += 1) {
            const turn = { session: sessions[client % sessions.length] ?? '', messageId: `c${client}-${n}`, text: `hello c${client}-${n}` };
            const answer = await send(app(), 'POST', `/v1/sessions/${turn.session}/messages`, {
              text: turn.text,
              messageId: turn.messageId,
            });
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (answer.status === 200) acknowledged.push({ ...turn, answer: answer.body });
            else refused.push(turn);
          }
        }),
      );
      await fault;
      for (const turn of refused) {
        const { answer } = await untilRecovered(() =>
          send(app(), 'POST', `/v1/sessions/${turn.session}/messages`, { text: turn.text, messageId: turn.messageId }),
        );
        expect(answer.status).toBe(200);
        acknowledged.push({ ...turn, answer: answer.body });
      }
      const lost = (await Promise.all(sessions.map(async (id) => lostTurns(id, await history(app(), id), acknowledged)))).flat();
      const seen = [...statuses.keys()].sort();
      log.record(`${label} down mid-load`, {
        expected: '200,503 and 0 lost',
        got: `${seen.join(',')} and ${lost.length} lost`,
        serverError: seen.some((status) => status >= 500 && status !== 503),
      });
      log.count(
        `${label} down mid-load: requests`,
        [...statuses.values()].reduce((sum, count) => sum + count, 0),
      );
      log.count(`${label} down mid-load: 503s retried`, refused.length);
      log.count('lost acknowledged turns', lost.length);
      log.count('acknowledged turns checked', acknowledged.length);
      expect(seen.every((status) => status === 200 || status === 503)).toBe(true);
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect(lost.slice(0, 10)).toEqual([]);
    }, 120_000);
  });
}

const STORE_TIMEOUTS = { connectTimeoutMs: 1_000, lockWaitMs: 3_000 };

describeNetworkStore('PostgreSQL', await unreachableReason(pingPostgres), POSTGRES_URL, (url) => {
  const schema = runName('parley_store_fault');
  return {
    store: createSessionStore({ kind: 'postgres', url, schema, queryTimeoutMs: 1_500, ...STORE_TIMEOUTS }),
    cleanup: () => dropPostgresSchema(schema),
  };
});

describeNetworkStore('Redis', await unreachableReason(pingRedis), REDIS_URL, (url) => {
  const keyPrefix = `${runName('parley_store_fault')}:`;
  return {
    store: createSessionStore({ kind: 'redis', url, keyPrefix, commandTimeoutMs: 1_000, ...STORE_TIMEOUTS }),
    cleanup: () => deleteRedisKeys(keyPrefix),
  };
});

describe('SQLite locked by another writer', () => {
  let directory: string;
  let harness: DialogueTestApp;
  let path: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parley-store-fault-'));
    path = join(directory, 'sessions.db');
    harness = await startDialogueTestApp(createFixtureBot(), { store: createSessionStore({ kind: 'sqlite', path, busyTimeoutMs: 300 }) });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes answer 503 STORE_UNAVAILABLE while the lock is held, reads still answer, and it recovers when released', async () => {
    const app = harness.app;
    expect((await send(app, 'POST', '/v1/sessions', { id: 'locked' })).status).toBe(201);
    const before = await history(app, 'locked');
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    const message = await send(app, 'POST', '/v1/sessions/locked/messages', { text: 'hello', messageId: 'while-locked' });
    const create = await send(app, 'POST', '/v1/sessions', {});
    const read = await send(app, 'GET', '/v1/sessions/locked');
    other.exec('ROLLBACK');
    other.close();
    for (const [route, answer] of [
      ['message', message],
      ['create', create],
    ] as const) {
      log.record(`SQLite locked: ${route}`, {
        expected: '503 STORE_UNAVAILABLE',
        got: `${answer.status} ${String(answer.code)}`,
        serverError: answer.status >= 500 && answer.status !== 503,
      });
      expect([answer.status, answer.code, answer.retryAfter]).toEqual([503, 'STORE_UNAVAILABLE', '1']);
    }
    expect(read.status).toBe(200);
    expect(await history(app, 'locked')).toEqual(before);
    expect((await send(app, 'POST', '/v1/sessions/locked/messages', { text: 'hello', messageId: 'while-locked' })).status).toBe(200);
  });
});
