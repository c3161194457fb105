/**
 * The expiry part of the SessionStore contract: ttlSeconds after the last write, everything goes but the audit,
 * which has its own retention; 0 = never.
 */
import { expect, it } from 'vitest';
import type { ContractContext } from './session-store.contract';
import { expectCode } from '@parley/testkit/session-store/assertions';
import { created, newId, sleep, turn } from '@parley/testkit/session-store/turns';

export function describeSessionExpiryContract(context: ContractContext): void {
  it('expires a session ttlSeconds after its last write, with everything it kept but its audit', async () => {
    const store = await context.backend().open({ ttlSeconds: 0.5 });
    try {
      const id = newId();
      await store.create(turn(id, 0, {}, { messageId: 'm0', response: 'r' }));
      expect(await store.get(id)).toBeDefined();
      await sleep(800);
      expect(await store.get(id)).toBeUndefined();
      expect(await store.loadTurn(id, { recentHistory: 5, messageId: 'm0' })).toEqual({
        session: undefined,
        recentHistory: [],
        idempotentResponse: undefined,
      });
      expect(await store.history(id, { offset: 0, limit: 5 })).toEqual({ entries: [], total: 0 });
      expect((await store.queryAudit({ sessionId: id, limit: 5 })).rows).toHaveLength(1);
      await expectCode(store.commit(turn(id, 1)), 'SESSION_NOT_FOUND');
      await store.create(turn(id, 0, {}, undefined, ['fresh']));
      expect((await store.recentHistory(id, 5)).map((entry) => [entry.seq, entry.text])).toEqual([[1, 'fresh']]);
      // Re-creating the id dropped the expired session's rows, not its audit.
      expect((await store.queryAudit({ sessionId: id, limit: 5 })).rows).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('pushes the expiry back on every commit', async () => {
    const store = await context.backend().open({ ttlSeconds: 1 });
    try {
      const id = await created(store);
      await sleep(600);
      await store.commit(turn(id, 1));
      await sleep(600);
      expect((await store.get(id))?.version).toBe(2);
      await sleep(700);
      expect(await store.get(id)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('never expires a session when ttlSeconds is 0', async () => {
    const id = await created(context.store());
    await sleep(300);
    expect(await context.store().get(id)).toBeDefined();
  });
}
