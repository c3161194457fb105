/**
 * The lockedTurn part of the SessionStore contract: the same exclusion as withLock (and with withLock holders),
 * the loaded snapshot, writes through the writer, and a lock that is let go of after a refused write or a failed
 * fn as after a successful write.
 */
import { expect, it } from 'vitest';
import { isSessionConflictError } from './session-conflict-error';
import type { ContractContext } from './session-store.contract';
import { created, sleep, turn } from '@parley/testkit/session-store/turns';

export function describeLockedTurnContract(context: ContractContext): void {
  it('lockedTurn excludes other turns and withLock holders of the session, across instances', async () => {
    const [store, peer] = [context.store(), context.peerForLock()];
    const id = await created(store);
    let active = 0;
    let overlaps = 0;
    const enter = async (): Promise<void> => {
      active += 1;
      if (active > 1) overlaps += 1;
      await sleep(1);
    };
    const holders = Array.from({ length: 24 }, (_, n) => {
      const own = n % 2 === 0 ? store : peer;
      if (n % 3 === 0) {
        return own.withLock(id, async () => {
          await enter();
          const session = await own.get(id);
          await own.commit(turn(id, session?.version ?? -1, {}, undefined, [`turn ${n}`]));
          active -= 1;
        });
      }
      return own.lockedTurn(id, { recentHistory: 1 }, async (snapshot, writer) => {
        await enter();
        await writer.commit(turn(id, snapshot.session?.version ?? -1, {}, undefined, [`turn ${n}`]));
        active -= 1;
      });
    });
    await Promise.all(holders);
    expect(overlaps).toBe(0);
    expect((await store.get(id))?.version).toBe(25);
    expect((await store.history(id, { offset: 0, limit: 100 })).total).toBe(25);
  });

  it('lockedTurn loads what loadTurn loads, and runs 50 racing retries of one messageId once', async () => {
    const id = await created(context.store());
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) => {
        const store = n % 2 === 0 ? context.store() : context.peerForLock();
        return store.lockedTurn(id, { recentHistory: 5, messageId: 'retried' }, async (snapshot, writer) => {
          if (snapshot.idempotentResponse !== undefined) return snapshot.idempotentResponse;
          expect(snapshot.recentHistory.map((entry) => entry.text)).toEqual(['hello']);
          const response = { replies: [`answer ${n}`] };
          await writer.commit(
            turn(id, snapshot.session?.version ?? -1, {}, { messageId: 'retried', response }, ['user text', 'bot reply']),
          );
          return response;
        });
      }),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    const history = await context.store().history(id, { offset: 0, limit: 10 });
    expect(history.entries.map((entry) => entry.text)).toEqual(['hello', 'user text', 'bot reply']);
  });

  it('lockedTurn sees no session for an unknown id, and resets through its writer', async () => {
    const store = context.store();
    const missing = await store.lockedTurn(`${await created(store)}-not`, { recentHistory: 3 }, async (snapshot) => snapshot);
    expect(missing).toEqual({ session: undefined, recentHistory: [], idempotentResponse: undefined });
    const id = await created(store);
    await store.lockedTurn(id, { recentHistory: 0 }, (snapshot, writer) =>
      writer.reset(turn(id, snapshot.session?.version ?? -1, { state: 'again' }, undefined, ['reset'])),
    );
    expect((await store.get(id))?.state).toBe('again');
  });

  it('lockedTurn lets the next holder in after a refused write and after fn throws', async () => {
    const store = context.store();
    const id = await created(store);
    const refused = await store
      .lockedTurn(id, { recentHistory: 0 }, (snapshot, writer) => writer.commit(turn(id, (snapshot.session?.version ?? 0) + 7)))
      .catch((error: unknown) => error);
    expect(isSessionConflictError(refused)).toBe(true);
    const failure = new Error('body failed');
    await expect(store.lockedTurn(id, { recentHistory: 0 }, () => Promise.reject(failure))).rejects.toBe(failure);
    // Within a short bound, not after a lease: the lock was let go of both times.
    const next = await Promise.race([
      context.peerForLock().lockedTurn(id, { recentHistory: 0 }, async (snapshot) => snapshot.session?.version),
      sleep(2_000).then(() => 'still locked'),
    ]);
    expect(next).toBe(1);
  });
}
