import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from './memory-session-store';
import { describeSessionStoreContract } from './session-store.contract';
import { created, sleep, turn } from '@parley/testkit/session-store/turns';

describeSessionStoreContract('MemorySessionStore', async () => ({
  sharing: 'none',
  open: async (options) => new MemorySessionStore(options),
  destroy: async () => undefined,
}));

describe('MemorySessionStore', () => {
  it('hands out copies: mutating what was passed or returned changes nothing stored', async () => {
    const store = new MemorySessionStore({ ttlSeconds: 0 });
    const commit = turn('copy', 0, { variables: { list: [1] } });
    await store.create(commit);
    (commit.session.variables['list'] as number[]).push(2);
    const read = await store.get('copy');
    (read?.variables['list'] as number[]).push(3);
    expect((await store.get('copy'))?.variables).toEqual({ list: [1] });
  });

  it('purges expired sessions from memory', async () => {
    const store = new MemorySessionStore({ ttlSeconds: 0.05 });
    await created(store);
    await created(store);
    await sleep(80);
    expect(store.purgeExpired()).toBe(2);
    await store.close();
  });

  it('refuses a negative or non-finite ttlSeconds naming the field', () => {
    expect(() => new MemorySessionStore({ ttlSeconds: -1 })).toThrow(/ttlSeconds/);
    expect(() => new MemorySessionStore({ ttlSeconds: Number.NaN })).toThrow(/ttlSeconds/);
  });
});
