/**
 * Two dialogue processes on one Redis (and again on one PostgreSQL), one NLU process: 64 clients post 20 messages
 * each into 16 shared sessions at once, every client alternating between the two processes. No request may fail;
 * every session's history must hold every message exactly once, each directly followed by the very replies its
 * client received.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
import { RestClient } from '@parley/testkit/services/rest-client';
import { killAllServices, missingBuild, startDialogueProcess, startNluProcess } from '@parley/testkit/services/service-process';

const CLIENTS = 64;
const MESSAGES = 20;
const SESSIONS = 16;
const CITIES = ['BCN', 'barna', 'Madrid', 'LUX', 'Luxembourg'];

interface Reply {
  type: string;
  content: unknown;
}

const built = missingBuild();
const redis = built ?? (await unreachableReason(pingRedis));
const postgres = built ?? (await unreachableReason(pingPostgres));

afterAll(killAllServices);

describeConcurrency('Redis', redis, () => {
  const prefix = `${runName('parley_conc')}:`;
  return {
    env: { PARLEY_STORE: 'redis', PARLEY_REDIS_URL: REDIS_URL, PARLEY_REDIS_KEY_PREFIX: prefix },
    cleanup: () => deleteRedisKeys(prefix),
  };
});

describeConcurrency('PostgreSQL', postgres, () => {
  const schema = runName('parley_conc');
  return {
    env: { PARLEY_STORE: 'postgres', PARLEY_POSTGRES_URL: POSTGRES_URL, PARLEY_POSTGRES_SCHEMA: schema },
    cleanup: () => dropPostgresSchema(schema),
  };
});

function describeConcurrency(
  store: string,
  unreachable: string | undefined,
  setup: () => { env: Record<string, string>; cleanup: () => Promise<void> },
): void {
  describeWithServer(`two dialogue processes on one ${store}`, `${store} and the built services`, unreachable, () => {
    let directory: string;
    let cleanup: () => Promise<void> = async () => undefined;
    const apis: RestClient[] = [];

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'parley-concurrency-'));
      const nlu = await startNluProcess(join(directory, 'models'));
      const backend = setup();
      cleanup = backend.cleanup;
      const env = { ...backend.env, PARLEY_NLU_ADDRESS: nlu.address, PARLEY_BOT: 'weather' };
      // One after the other: the second process finds the model trained and reuses it.
      for (let i = 0; i < 2; i += 1) apis.push(new RestClient((await startDialogueProcess(env)).url));
    });
    afterAll(async () => {
      await killAllServices();
      await cleanup();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it(
      `keeps every message once and in order: ${CLIENTS} clients × ${MESSAGES} messages into ${SESSIONS} sessions`,
      { timeout: 240_000 },
      async () => {
        const api = (n: number): RestClient => apis[n % apis.length] as RestClient;
        const sessions: string[] = [];
        for (let s = 0; s < SESSIONS; s += 1) sessions.push((await api(s).post('/v1/sessions', {}, 201)).id);

        const answers = new Map<string, Reply[]>();
        const failures: string[] = [];
        await Promise.all(
          Array.from({ length: CLIENTS }, async (_, client) => {
            const session = sessions[client % SESSIONS] as string;
            for (let m = 0; m < MESSAGES; m += 1) {
              const text = `client ${client} message ${m}: weather in ${CITIES[(client + m) % CITIES.length]}`;
              try {
                const answer = await api(client + m).post(`/v1/sessions/${session}/messages`, { text });
                answers.set(text, answer.replies);
              } catch (error) {
                failures.push((error as Error).message);
              }
            }
          }),
        );
        expect(failures).toEqual([]);

        for (const session of sessions) {
          const { entries, total } = await api(0).get(`/v1/sessions/${session}/history?limit=500`);
          const perSession = (CLIENTS / SESSIONS) * MESSAGES;
          const users = entries.filter((entry: { sender: number }) => entry.sender === 1);
          expect(users).toHaveLength(perSession);
          expect(new Set(users.map((entry: { text: string }) => entry.text)).size).toBe(perSession);
          expect(total).toBe(entries.length);
          expectEachMessageFollowedByItsReplies(entries, answers);
        }
      },
    );
  });
}

/** After the initial body's rows, the history is user row, then exactly the replies that user got, and so on. */
function expectEachMessageFollowedByItsReplies(
  entries: Array<{ seq: number; sender: number; type: string; content: unknown; text: string }>,
  answers: Map<string, Reply[]>,
): void {
  expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, index) => index + 1));
  let index = entries.findIndex((entry) => entry.sender === 1);
  while (index !== -1 && index < entries.length) {
    const user = entries[index] as (typeof entries)[number];
    const replies = answers.get(user.text);
    expect(replies, `an answer for "${user.text}"`).toBeDefined();
    const following = entries.slice(index + 1, index + 1 + (replies?.length ?? 0));
    expect(following.map((entry) => ({ sender: entry.sender, type: entry.type, content: entry.content }))).toEqual(
      (replies ?? []).map((reply) => ({ sender: 0, type: reply.type, content: reply.content })),
    );
    index += 1 + (replies?.length ?? 0);
    const next = entries[index];
    if (next !== undefined) expect(next.sender, `the row after the replies to "${user.text}"`).toBe(1);
  }
}
