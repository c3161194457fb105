import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { POSTGRES_SCHEMA_VERSION } from './postgres-migrations';
import { PostgresSessionStore, type PostgresSessionStoreOptions } from './postgres-session-store';
import { describeSessionStoreContract } from './session-store.contract';
import { expectCode, expectUnreachable } from '@parley/testkit/session-store/assertions';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { TcpProxy } from '@parley/testkit/session-store/tcp-proxy';
import { testServers } from '@parley/testkit/session-store/test-servers';
import { created, newId, sleep, turn } from '@parley/testkit/session-store/turns';

const url = testServers.postgresUrl;
const unreachable = await unreachableReason(async () => {
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await probe.connect();
    await probe.query('SELECT 1');
  } finally {
    await probe.end().catch(() => undefined);
  }
});

/** A schema of its own per run, so concurrent runs never clash; dropped afterwards. */
function runSchema(): string {
  return `parley_test_${randomUUID().replaceAll('-', '')}`;
}

async function sql(text: string, params: unknown[] = []): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

describeWithServer('PostgresSessionStore', `PostgreSQL at ${url}`, unreachable, () => {
  describeSessionStoreContract('PostgresSessionStore', async () => {
    const schema = runSchema();
    return {
      sharing: 'data-and-lock',
      open: async (options) => new PostgresSessionStore({ ...options, url, schema, poolSize: 4, lockPoolSize: 4 }),
      destroy: async () => void (await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
    };
  });

  const schema = runSchema();
  const opened: PostgresSessionStore[] = [];
  const open = (options: Partial<PostgresSessionStoreOptions> = {}): PostgresSessionStore => {
    const store = new PostgresSessionStore({ url, schema, ttlSeconds: 0, poolSize: 2, lockPoolSize: 2, ...options });
    opened.push(store);
    return store;
  };
  beforeAll(() => open().ping());
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it('creates its tables in the configured schema, also when several stores start at once', async () => {
    const fresh = runSchema();
    const stores = Array.from({ length: 4 }, () => open({ schema: fresh }));
    try {
      await Promise.all(stores.map((store) => store.ping()));
      const tables = await sql('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [fresh]);
      expect(tables).toEqual(['audit', 'history', 'idempotency', 'schema_version', 'sessions'].map((table_name) => ({ table_name })));
      expect(await sql(`SELECT version FROM "${fresh}".schema_version`)).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
    } finally {
      await sql(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    }
  });

  it('refuses a schema name that is not a plain identifier, naming the field', () => {
    expect(() => open({ schema: 'x"; DROP TABLE y; --' })).toThrow(expect.objectContaining({ field: 'schema' }));
  });

  it('stores U+FFFD for a NUL in the plain text, which PostgreSQL text cannot hold, and keeps content exact', async () => {
    const store = open();
    const id = newId();
    const commit = turn(id, 0);
    await store.create({
      ...commit,
      history: [{ sender: 1, type: 'str', text: 'a\u0000b', content: 'a\u0000b', at: commit.session.createdAt }],
    });
    expect((await store.recentHistory(id, 1))[0]).toMatchObject({ text: 'a\uFFFDb', content: 'a\u0000b' });
  });

  it('purges expired sessions and every row they kept', async () => {
    const store = open({ ttlSeconds: 0.05 });
    const id = await created(store);
    await sleep(80);
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await sql(`SELECT count(*)::int AS n FROM "${schema}".history WHERE session_id = $1`, [id])).toEqual([{ n: 0 }]);
  });

  it('purges audit rows older than the retention, and keeps the others and the sessions', async () => {
    const store = open({ auditRetentionSeconds: 60 });
    const id = newId();
    const old = new Date(Date.now() - 120_000).toISOString();
    const commit = turn(id, 0);
    await store.create({ ...commit, audit: [{ kind: 'session', at: old, data: {} }, ...commit.audit] });
    expect(await store.purgeAudit()).toBeGreaterThanOrEqual(1);
    expect(await sql(`SELECT count(*)::int AS n FROM "${schema}".audit WHERE session_id = $1`, [id])).toEqual([{ n: 1 }]);
    expect((await store.get(id))?.version).toBe(1);
  });

  it('gives up after lockWaitMs with STORE_UNAVAILABLE, without running fn', async () => {
    const [holder, waiter] = [open(), open({ lockWaitMs: 300 })];
    const id = newId();
    let release: () => void = () => undefined;
    // Waits until the holder has the lock: a fixed pause was too short on a loaded machine (the holder's first call
    // also creates the schema), and the waiter then got the lock first.
    let locked: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const held = holder.withLock(id, () => {
      locked();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    let ran = false;
    await expectCode(
      waiter.withLock(id, async () => {
        ran = true;
      }),
      'STORE_UNAVAILABLE',
    );
    release();
    await held;
    expect(ran).toBe(false);
    expect(await waiter.withLock(id, async () => 'free again')).toBe('free again');
  });

  it('answers STORE_UNAVAILABLE quickly when PostgreSQL cannot be reached', async () => {
    await expectUnreachable(open({ url: 'postgres://postgres@127.0.0.1:1/test', connectTimeoutMs: 1_000 }));
  });

  it('fails with STORE_UNAVAILABLE while PostgreSQL is down and recovers when it is back', async () => {
    const target = new URL(url);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    try {
      target.host = `127.0.0.1:${proxy.port}`;
      const store = open({ url: target.toString(), connectTimeoutMs: 1_000 });
      const id = await created(store);
      await proxy.stop();
      await expectCode(store.get(id), 'STORE_UNAVAILABLE');
      await expectCode(store.commit(turn(id, 1)), 'STORE_UNAVAILABLE');
      await expectCode(
        store.withLock(id, async () => 'ran'),
        'STORE_UNAVAILABLE',
      );
      await proxy.start();
      await store.withLock(id, () => store.commit(turn(id, 1)));
      expect((await store.get(id))?.version).toBe(2);
    } finally {
      await proxy.stop();
    }
  });
});
