import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDIS_SCHEMA_VERSION } from './redis-migrations';
import { RedisSessionStore, type RedisSessionStoreOptions } from './redis-session-store';
import { describeSessionStoreContract } from './session-store.contract';
import { expectCode, expectUnreachable } from '@parley/testkit/session-store/assertions';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { TcpProxy } from '@parley/testkit/session-store/tcp-proxy';
import { testServers } from '@parley/testkit/session-store/test-servers';
import { created, newId, sleep, turn } from '@parley/testkit/session-store/turns';

const url = testServers.redisUrl;
const unreachable = await unreachableReason(async () => {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause: unknown;
  probe.on('error', (error: unknown) => (cause = error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    probe.disconnect();
  }
});

/** A key prefix of its own per run, so concurrent runs never clash; every key under it is deleted afterwards. */
function runPrefix(): string {
  return `parley-test:${randomUUID()}:`;
}

async function deleteKeys(prefix: string): Promise<void> {
  const admin = new Redis(url);
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
}

describeWithServer('RedisSessionStore', `Redis at ${url}`, unreachable, () => {
  describeSessionStoreContract('RedisSessionStore', async () => {
    const keyPrefix = runPrefix();
    return {
      sharing: 'data-and-lock',
      open: async (options) => new RedisSessionStore({ ...options, url, keyPrefix }),
      destroy: () => deleteKeys(keyPrefix),
    };
  });

  const keyPrefix = runPrefix();
  const admin = new Redis(url, { lazyConnect: true });
  const opened: RedisSessionStore[] = [];
  const open = (options: Partial<RedisSessionStoreOptions> = {}): RedisSessionStore => {
    const store = new RedisSessionStore({ url, keyPrefix, ttlSeconds: 0, ...options });
    opened.push(store);
    return store;
  };
  beforeAll(() => admin.connect());
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await deleteKeys(keyPrefix);
    admin.disconnect();
  });

  it('keeps a session under its prefix and hash tag with a TTL only when asked, and its audit apart without one', async () => {
    const id = await created(open());
    expect((await admin.keys(`${keyPrefix}{${id}}:*`)).sort()).toEqual(['h', 's'].map((suffix) => `${keyPrefix}{${id}}:${suffix}`));
    expect(await admin.pttl(`${keyPrefix}{${id}}:s`)).toBe(-1);
    const expiring = await created(open({ ttlSeconds: 60 }));
    for (const suffix of ['s', 'h']) {
      expect(await admin.pttl(`${keyPrefix}{${expiring}}:${suffix}`)).toBeGreaterThan(59_000);
    }
    expect(await admin.get(`${keyPrefix}schema`)).toBe(String(REDIS_SCHEMA_VERSION));
    for (const key of ['audit:rows', 'audit:all', `audit:by:sessionId:${expiring}`, 'audit:by:kind:transition']) {
      expect(await admin.pttl(`${keyPrefix}${key}`), key).toBe(-1);
    }
    expect(await admin.zcard(`${keyPrefix}audit:by:sessionId:${expiring}`)).toBe(1);
  });

  it('purges audit rows older than the retention from the rows and every index, and keeps the others', async () => {
    const store = open({ auditRetentionSeconds: 60 });
    const id = newId();
    const old = new Date(Date.now() - 120_000).toISOString();
    const commit = turn(id, 0);
    await store.create({ ...commit, audit: [{ kind: 'session', at: old, state: 'gone', data: {} }, ...commit.audit] });
    expect(await store.purgeAudit()).toBeGreaterThanOrEqual(1);
    expect(await admin.zcard(`${keyPrefix}audit:by:sessionId:${id}`)).toBe(1);
    expect(await admin.zcard(`${keyPrefix}audit:by:state:gone`)).toBe(0);
    const [member] = await admin.zrange(`${keyPrefix}audit:by:sessionId:${id}`, 0, -1);
    const rowId = String(Number(member?.split(':')[1]));
    expect(JSON.parse((await admin.hget(`${keyPrefix}audit:rows`, rowId)) ?? '{}')).toMatchObject({ sessionId: id, kind: 'transition' });
  });

  it('renews the lease while the holder runs, so a long turn keeps the lock', async () => {
    const [holder, other] = [open({ lockLeaseMs: 200 }), open({ lockLeaseMs: 200 })];
    const id = newId();
    const events: string[] = [];
    const first = holder.withLock(id, async () => {
      events.push('first in');
      await sleep(700);
      events.push('first out');
    });
    await sleep(50);
    await other.withLock(id, async () => {
      events.push('second in');
    });
    await first;
    expect(events).toEqual(['first in', 'first out', 'second in']);
  });

  it('takes over the lock of a holder that died once its lease runs out', async () => {
    const id = newId();
    await admin.set(`${keyPrefix}{${id}}:lock`, 'a crashed process', 'PX', 400);
    const started = Date.now();
    await open().withLock(id, async () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('gives up after lockWaitMs with STORE_UNAVAILABLE, without running fn', async () => {
    const id = newId();
    await admin.set(`${keyPrefix}{${id}}:lock`, 'someone else', 'PX', 10_000);
    let ran = false;
    await expectCode(
      open({ lockWaitMs: 300 }).withLock(id, async () => {
        ran = true;
      }),
      'STORE_UNAVAILABLE',
    );
    expect(ran).toBe(false);
  });

  it('never deletes a lock it no longer holds', async () => {
    const id = newId();
    const lock = `${keyPrefix}{${id}}:lock`;
    await open().withLock(id, async () => {
      await admin.set(lock, 'the next holder', 'PX', 10_000);
    });
    expect(await admin.get(lock)).toBe('the next holder');
  });

  it('wakes a waiter of another process on release instead of waiting for its poll', async () => {
    const [a, b] = [open({ lockPollMs: 10_000 }), open({ lockPollMs: 10_000 })];
    const id = await created(a);
    const started = Date.now();
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? a : b).withLock(id, () => sleep(5))));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers STORE_UNAVAILABLE quickly when Redis cannot be reached', async () => {
    await expectUnreachable(open({ url: 'redis://127.0.0.1:1' }));
  });

  it('fails with STORE_UNAVAILABLE while Redis is down and recovers when it is back', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(url).port || 6379));
    await proxy.start();
    try {
      const store = open({ url: `redis://127.0.0.1:${proxy.port}` });
      const id = await created(store);
      await proxy.stop();
      await expectCode(store.get(id), 'STORE_UNAVAILABLE');
      await expectCode(store.commit(turn(id, 1)), 'STORE_UNAVAILABLE');
      await proxy.start();
      await eventually(() => store.ping());
      await store.commit(turn(id, 1));
      expect((await store.get(id))?.version).toBe(2);
    } finally {
      await proxy.stop();
    }
  });
});

async function eventually(attempt: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
