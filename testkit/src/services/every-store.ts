/**
 * Runs a test's cases once per session store: memory and SQLite (in a temporary folder), then PostgreSQL (its own
 * schema) and Redis (its own key prefix) where they answer — describeWithServer's rule: skipped locally when a
 * server is down, failed under CI=true. Each store's traces are removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { MemorySessionStore, PostgresSessionStore, RedisSessionStore, SqliteSessionStore, type SessionStore } from '@parley/session-store';
import { describeWithServer, unreachableReason } from '../session-store/server-gate';
import { deleteRedisKeys, dropPostgresSchema, pingPostgres, pingRedis, POSTGRES_URL, REDIS_URL, runName } from './backends';

export type DescribeOnStore = (name: string, open: () => Promise<SessionStore>) => void;

/** `run` names this test's schema and key prefix (e.g. "changes" → parley_changes_…, parley-changes-…:). */
export async function describeOnEveryStore(title: string, run: string, describeOnStore: DescribeOnStore): Promise<void> {
  describe(`${title} (REST)`, () => {
    const directory = mkdtempSync(join(tmpdir(), `parley-${run}-`));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));
    describeOnStore('memory', async () => new MemorySessionStore({ ttlSeconds: 0 }));
    describeOnStore('SQLite', async () => new SqliteSessionStore({ path: join(directory, 'sessions.db'), ttlSeconds: 0 }));
  });
  describeWithServer(`${title} (REST, PostgreSQL)`, `PostgreSQL at ${POSTGRES_URL}`, await unreachableReason(pingPostgres), () => {
    const schema = runName(`parley_${run}`);
    afterAll(() => dropPostgresSchema(schema));
    describeOnStore('PostgreSQL', async () => new PostgresSessionStore({ url: POSTGRES_URL, schema, ttlSeconds: 0 }));
  });
  describeWithServer(`${title} (REST, Redis)`, `Redis at ${REDIS_URL}`, await unreachableReason(pingRedis), () => {
    const keyPrefix = `${runName(`parley-${run}`)}:`;
    afterAll(() => deleteRedisKeys(keyPrefix));
    describeOnStore('Redis', async () => new RedisSessionStore({ url: REDIS_URL, keyPrefix, ttlSeconds: 0 }));
  });
}
