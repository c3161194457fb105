/**
 * The REST bad-input matrix (support/rest-cases.ts) against the dialogue app with a real NLU server in-process:
 * every case gets its documented status and registered code, the message names the field, and a refused request
 * leaves its session exactly as it was. The cases about what text is (odd characters, lone surrogates, invalid
 * UTF-8) run again on SQLite, PostgreSQL and Redis, where storing text can go wrong in new ways.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSessionStore, type SessionStore } from '@parley/session-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import {
  dropPostgresSchema,
  deleteRedisKeys,
  pingPostgres,
  pingRedis,
  POSTGRES_URL,
  REDIS_URL,
  runName,
} from '@parley/testkit/services/backends';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { oddTextAcceptances, oddTextCases, REST_LIMITS, restCases, type RestCase } from '@parley/testkit/reliability/rest-cases';
import { runRestCase } from '@parley/testkit/reliability/run-rest-case';

const log = new CaseLog('bad-input-rest', 'bad-input');
const ENV = {
  PARLEY_MAX_TEXT_LENGTH: String(REST_LIMITS.maxTextLength),
  PARLEY_BODY_LIMIT_BYTES: String(REST_LIMITS.bodyLimitBytes),
  PARLEY_HISTORY_WINDOW: '20',
};

afterAll(() => {
  log.write();
});

function matrix(label: string, cases: RestCase[], harness: () => DialogueTestApp): void {
  for (const testCase of cases) {
    const name = `${label} ${testCase.name}`;
    it(name, async () => {
      const result = await runRestCase(harness().app, testCase);
      log.record(name, result);
      expect(result.problems).toEqual([]);
    });
  }
}

describe('REST bad-input matrix (memory store)', () => {
  let harness: DialogueTestApp;
  beforeAll(async () => {
    harness = await startDialogueTestApp(createFixtureBot(), { env: ENV });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('has distinct case names', () => {
    const names = restCases().map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
  });

  matrix('[memory]', restCases(), () => harness);

  it('still answers afterwards', async () => {
    const health = await harness.app.inject({ method: 'GET', url: '/health' });
    const created = await harness.app.inject({ method: 'POST', url: '/v1/sessions', payload: {} });
    const turn = await harness.app.inject({
      method: 'POST',
      url: `/v1/sessions/${String(created.json().id)}/messages`,
      payload: { text: 'hello' },
    });
    const alive = health.statusCode === 200 && turn.statusCode === 200;
    log.count('crashes', alive ? 0 : 1);
    expect(alive).toBe(true);
  });
});

const storeCases = (): RestCase[] => [...oddTextCases(), ...oddTextAcceptances()];

function describeStore(
  label: string,
  server: string,
  unreachable: string | undefined,
  open: () => { store: SessionStore; cleanup: () => Promise<void> },
): void {
  describeWithServer(`REST text cases on ${label}`, server, unreachable, () => {
    let harness: DialogueTestApp;
    let cleanup: () => Promise<void> = async () => undefined;
    beforeAll(async () => {
      const opened = open();
      cleanup = opened.cleanup;
      harness = await startDialogueTestApp(createFixtureBot(), { env: ENV, store: opened.store });
    });
    afterAll(async () => {
      await harness?.close();
      await cleanup();
    });
    matrix(`[${label}]`, storeCases(), () => harness);
  });
}

describeStore('sqlite', 'SQLite', undefined, () => {
  const directory = mkdtempSync(join(tmpdir(), 'parley-reliability-'));
  const store = createSessionStore({ kind: 'sqlite', path: join(directory, 'sessions.db') });
  return { store, cleanup: async () => rmSync(directory, { recursive: true, force: true }) };
});

describeStore('postgres', 'PostgreSQL', await unreachableReason(pingPostgres), () => {
  const schema = runName('parley_reliability');
  return { store: createSessionStore({ kind: 'postgres', url: POSTGRES_URL, schema }), cleanup: () => dropPostgresSchema(schema) };
});

describeStore('redis', 'Redis', await unreachableReason(pingRedis), () => {
  const keyPrefix = `${runName('parley_reliability')}:`;
  return { store: createSessionStore({ kind: 'redis', url: REDIS_URL, keyPrefix }), cleanup: () => deleteRedisKeys(keyPrefix) };
});
