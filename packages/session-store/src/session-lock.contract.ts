/**
 * The withLock half of the SessionStore contract: mutual exclusion per session (across two instances when the
 * backend shares its lock), arrival order within a process, independence of sessions, release on failure.
 */
import { expect, it } from 'vitest';
import { created, newId, sleep, turn } from '@parley/testkit/session-store/turns';
import type { ContractContext } from './session-store.contract';

export function describeSessionLockContract(context: ContractContext): void {
  it('excludes holders of one session, across instances when they share the lock', async () => {
    const [store, peer] = [context.store(), context.peerForLock()];
    const id = await created(store);
    let active = 0;
    let overlaps = 0;
    const holders = Array.from({ length: 24 }, (_, n) =>
      (n % 2 === 0 ? store : peer).withLock(id, async () => {
        active += 1;
        if (active > 1) overlaps += 1;
        // A read-modify-write with a gap: without exclusion another holder reads the same version and conflicts.
        const session = await (n % 2 === 0 ? store : peer).get(id);
        await sleep(n % 3);
        await (n % 2 === 0 ? store : peer).commit(turn(id, session?.version ?? -1, {}, undefined, [`turn ${n}`]));
        active -= 1;
      }),
    );
    await Promise.all(holders);
    expect(overlaps).toBe(0);
    expect((await store.get(id))?.version).toBe(25);
    expect((await store.history(id, { offset: 0, limit: 100 })).total).toBe(25);
  });

  it('runs a turn once for 50 racing retries of one messageId, and every retry gets the same answer', async () => {
    const id = await created(context.store());
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) => {
        const store = n % 2 === 0 ? context.store() : context.peerForLock();
        return store.withLock(id, async () => {
          const snapshot = await store.loadTurn(id, { recentHistory: 0, messageId: 'retried' });
          if (snapshot.idempotentResponse !== undefined) return snapshot.idempotentResponse;
          const response = { replies: [`answer ${n}`] };
          const version = snapshot.session?.version ?? -1;
          await store.commit(turn(id, version, {}, { messageId: 'retried', response }, ['user text', 'bot reply']));
          return response;
        });
      }),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    const history = await context.store().history(id, { offset: 0, limit: 10 });
    expect(history.entries.map((entry) => entry.text)).toEqual(['hello', 'user text', 'bot reply']);
  });

  it('serves the waiters of one process in arrival order', async () => {
    const store = context.store();
    const id = newId();
    const order: number[] = [];
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = store.withLock(id, () => gate);
    const waiters = Array.from({ length: 12 }, (_, n) =>
      store.withLock(id, async () => {
        order.push(n);
        await sleep(n % 2);
      }),
    );
    await sleep(20);
    expect(order).toEqual([]);
    open();
    await Promise.all([first, ...waiters]);
    expect(order).toEqual(Array.from({ length: 12 }, (_, n) => n));
  });

  it('returns what fn returns and lets the next holder in after fn throws', async () => {
    const store = context.store();
    const id = newId();
    expect(await store.withLock(id, async () => 42)).toBe(42);
    const failure = new Error('body failed');
    await expect(store.withLock(id, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await context.peerForLock().withLock(id, async () => 'next')).toBe('next');
  });

  it('does not make one session wait for another', async () => {
    const store = context.store();
    const [a, b] = [newId(), newId()];
    let release: () => void = () => undefined;
    const held = store.withLock(a, () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(10);
    const other = await Promise.race([context.peerForLock().withLock(b, async () => 'b ran'), sleep(2_000).then(() => 'b waited')]);
    release();
    await held;
    expect(other).toBe('b ran');
  });
}
