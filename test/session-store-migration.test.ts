/**
 * Data written by schema 1 survives the move to the latest schema, on every durable store: the fixtures of
 * test/fixtures/session-store-v1 (a SQLite file, a pg_dump, the Redis keys, all written by the dialogue service
 * and adapters of schema 1) are restored on the real servers, opened by several stores (or processes) at once,
 * and must read back as schema 1 read them — sessions, history, answers and audit — with the audit's new filter
 * fields filled, no row moved twice, and turns committing on top. A store from a newer Parley is refused.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Redis from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { FALLBACK_INTENT, type JsonObject } from '@parley/domain';
import {
  PostgresSessionStore,
  RedisSessionStore,
  SqliteSessionStore,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
  type SessionStore,
} from '@parley/session-store';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { SQLITE_OPEN_CHILD, typescriptChildArgs } from '@parley/testkit/session-store/typescript-child';
import {
  deleteRedisKeys,
  dropPostgresSchema,
  pingPostgres,
  pingRedis,
  POSTGRES_URL,
  REDIS_URL,
  runName,
} from '@parley/testkit/services/backends';

const fixtures = join(__dirname, 'fixtures', 'session-store-v1');

interface Expected {
  session: JsonObject | null;
  history: JsonObject;
  audit: AuditEntry[];
  answers: Record<string, unknown>;
}
type Fixture = Record<string, Expected>;
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as Record<'sqlite' | 'postgres' | 'redis', Fixture>;

async function auditOf(store: SessionStore, query: Omit<AuditQuery, 'limit' | 'cursor'> = {}): Promise<AuditRecord[]> {
  const rows: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryAudit({ ...query, limit: 5, ...(cursor === undefined ? {} : { cursor }) });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return rows;
}

/** What schema 1 read back is what the latest schema reads, and the audit rows got their filter fields. */
async function expectSchema1Data(store: SessionStore, fixture: Fixture): Promise<void> {
  let auditRows = 0;
  for (const [id, before] of Object.entries(fixture)) {
    expect(await store.get(id), id).toEqual(before.session ?? undefined);
    expect(await store.history(id, { offset: 0, limit: 1000 }), id).toEqual(before.history);
    for (const [messageId, answer] of Object.entries(before.answers)) {
      expect(await store.idempotentResponse(id, messageId), `${id} ${messageId}`).toEqual(answer);
    }
    const audit = (await auditOf(store, { sessionId: id })).reverse();
    expect(
      audit.map(({ kind, data, at }) => ({ kind, data, at })),
      id,
    ).toEqual(before.audit);
    for (const row of audit) expect(row, JSON.stringify(row)).toEqual({ ...row, ...filterFields(row) });
    auditRows += audit.length;
  }
  expect(await auditOf(store)).toHaveLength(auditRows);
  const fallbacks = await auditOf(store, { intent: FALLBACK_INTENT });
  expect(fallbacks.map((row) => row.data['text'])).toEqual(['Grüße aus 東京 \u0000 🌧️', 'zebra quantum spaghetti']);
}

/** The fields a schema-1 row must have got, read from its data by hand. */
function filterFields(row: AuditRecord): Partial<AuditRecord> {
  const { data } = row;
  if (row.kind === 'transition') return { state: data['source'] as string };
  if (row.kind !== 'prediction') return {};
  const fields: Partial<AuditRecord> = {
    state: data['scope'] as string,
    intent: data['intent'] as string,
    fallbackReason: data['fallbackReason'] as string,
  };
  return data['intent'] === FALLBACK_INTENT ? fields : { ...fields, score: data['score'] as number };
}

/** A turn on top of the migrated data: the session moves on, with what schema 2 adds. */
async function expectTurnsCommit(store: SessionStore): Promise<void> {
  const file = { name: 'dog.png', type: 'image/png', base64: 'iVBORw0KGgo=' };
  await store.lockedTurn('alpha', { recentHistory: 2 }, async (snapshot, writer) => {
    const session = snapshot.session;
    if (!session) throw new Error('alpha is gone');
    const at = new Date().toISOString();
    await writer.commit({
      session: { ...session, message: file.name, file, updatedAt: at },
      fileChanged: true,
      history: [{ sender: 1, type: 'file', text: file.name, content: { name: file.name, type: file.type }, at }],
      audit: [{ kind: 'transition', at, state: 'idle', data: { source: 'idle', dest: 'file_state' } }],
    });
  });
  expect(await store.get('alpha')).toMatchObject({ version: 8, file, message: 'dog.png' });
  expect((await store.history('alpha', { offset: 15, limit: 5 })).entries.map((entry) => [entry.seq, entry.text])).toEqual([
    [16, expect.any(String)],
    [17, 'dog.png'],
  ]);
  expect((await store.queryAudit({ sessionId: 'alpha', limit: 1 })).rows[0]).toMatchObject({ kind: 'transition', state: 'idle' });
}

describe('SQLite schema 1 → latest', () => {
  const directory = mkdtempSync(join(tmpdir(), 'parley-migration-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('migrates a schema-1 file once when three processes open it at once, keeping every row', async () => {
    const path = join(directory, 'sessions.db');
    copyFileSync(join(fixtures, 'sessions.db'), path);
    const outputs = await Promise.all([1, 2, 3].map(() => openInChild(path)));
    expect(outputs).toEqual(Array(3).fill('opened 7\n'));
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
    const store = new SqliteSessionStore({ path, ttlSeconds: 0 });
    try {
      await expectSchema1Data(store, expected.sqlite);
      await expectTurnsCommit(store);
    } finally {
      await store.close();
    }
  });

  it('refuses a file from a newer Parley, naming the versions', async () => {
    const path = join(directory, 'newer.db');
    copyFileSync(join(fixtures, 'sessions.db'), path);
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteSessionStore({ path, ttlSeconds: 0 })).toThrow(
      expect.objectContaining({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringMatching(/version 99, newer than this Parley knows \(2\)/),
      }),
    );
  });
});

describeWithServer('PostgreSQL schema 1 → latest', `PostgreSQL at ${POSTGRES_URL}`, await unreachableReason(pingPostgres), () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropPostgresSchema(schema);
  });

  /** Restores the pg_dump of schema 1 into a schema of this run. */
  async function restore(): Promise<string> {
    const schema = runName('parley_migration');
    schemas.push(schema);
    const dump = readFileSync(join(fixtures, 'postgres.sql'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('\\')) // psql meta-commands (\restrict) are not SQL
      .join('\n')
      .replaceAll('parley_v1_fixture', schema);
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(dump);
    } finally {
      await client.end();
    }
    return schema;
  }

  it('migrates once while four stores start at once, keeping every row; write_turn_v1 still answers', async () => {
    const schema = await restore();
    const stores = Array.from(
      { length: 4 },
      () => new PostgresSessionStore({ url: POSTGRES_URL, schema, ttlSeconds: 0, poolSize: 2, lockPoolSize: 1 }),
    );
    try {
      await Promise.all(stores.map((store) => store.ping()));
      const [store] = stores as [PostgresSessionStore];
      await expectSchema1Data(store, expected.postgres);
      await expectTurnsCommit(store);
      expect((await store.get('expiring'))?.version).toBe(1);
      // A replica still running schema 1's code during a rolling upgrade keeps committing.
      const old = await oldWrite(schema);
      expect(old).toBe('OK');
      expect((await store.get('beta'))?.version).toBe(4);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses a schema from a newer Parley', async () => {
    const schema = await restore();
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(
      `CREATE TABLE "${schema}".schema_version (version integer NOT NULL); INSERT INTO "${schema}".schema_version VALUES (99)`,
    );
    await client.end();
    const store = new PostgresSessionStore({ url: POSTGRES_URL, schema, ttlSeconds: 0 });
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('version 99') });
    } finally {
      await store.close();
    }
  });

  /** A commit as schema 1's store sent it (write_turn_v1), on session beta at version 3. */
  async function oldWrite(schema: string): Promise<string> {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const at = new Date().toISOString();
      const plain = {
        id: 'beta',
        state: 'idle',
        createdAt: at,
        updatedAt: at,
        version: 3,
        expiresAt: null,
        history: [{ sender: 1, type: 'str', text: 'old', at }],
        audit: [{ kind: 'session', at }],
      };
      const { rows } = await client.query<{ outcome: string }>(
        `SELECT "${schema}".write_turn_v1($1, $2::json, $3::json, $4::json, $5::json[], $6::json[], $7) AS outcome`,
        ['commit', JSON.stringify(plain), '{}', 'null', ['"old"'], ['{"event":"old"}'], Date.now()],
      );
      return rows[0]?.outcome ?? '';
    } finally {
      await client.end();
    }
  }
});

describeWithServer('Redis schema 1 → latest', `Redis at ${REDIS_URL}`, await unreachableReason(pingRedis), () => {
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await deleteRedisKeys(prefix);
  });

  /** Restores the keys schema 1 wrote under a prefix of this run, TTLs included. */
  async function restore(): Promise<string> {
    const prefix = `${runName('parley-migration')}:`;
    prefixes.push(prefix);
    const keys = JSON.parse(readFileSync(join(fixtures, 'redis.json'), 'utf8')) as Record<
      string,
      { type: string; pttl: number; value: unknown }
    >;
    const admin = new Redis(REDIS_URL);
    try {
      for (const [suffix, { type, pttl, value }] of Object.entries(keys)) {
        const key = `${prefix}${suffix}`;
        if (type === 'hash') await admin.hset(key, value as Record<string, string>);
        else if (type === 'list') await admin.rpush(key, ...(value as string[]));
        else throw new Error(`unexpected ${type} in the fixture`);
        if (pttl > 0) await admin.pexpire(key, pttl);
      }
    } finally {
      admin.disconnect();
    }
    return prefix;
  }

  it('migrates once while four stores start at once, keeping every row and the TTLs', async () => {
    const prefix = await restore();
    const stores = Array.from({ length: 4 }, () => new RedisSessionStore({ url: REDIS_URL, keyPrefix: prefix, ttlSeconds: 0 }));
    const admin = new Redis(REDIS_URL);
    try {
      await Promise.all(stores.map((store) => store.ping()));
      const [store] = stores as [RedisSessionStore];
      expect(await admin.get(`${prefix}schema`)).toBe('2');
      expect(await admin.keys(`${prefix}{*}:a`)).toEqual([]);
      await expectSchema1Data(store, expected.redis);
      await expectTurnsCommit(store);
      expect(await admin.pttl(`${prefix}{expiring}:s`)).toBeGreaterThan(300 * 86_400_000);
    } finally {
      admin.disconnect();
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses a prefix from a newer Parley', async () => {
    const prefix = await restore();
    const admin = new Redis(REDIS_URL);
    await admin.set(`${prefix}schema`, '99');
    admin.disconnect();
    const store = new RedisSessionStore({ url: REDIS_URL, keyPrefix: prefix, ttlSeconds: 0 });
    try {
      await expect(store.get('alpha')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('version 99') });
    } finally {
      await store.close();
    }
  });
});

/** Opens the file in a child process (testkit's sqlite-open-child.ts); resolves with what it printed. */
function openInChild(path: string): Promise<string> {
  const child = spawn(process.execPath, typescriptChildArgs(SQLITE_OPEN_CHILD, [path, 'alpha']), { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`child exited with ${code}: ${errors}`))));
  });
}
