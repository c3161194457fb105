/**
 * The history, loadTurn and idempotency part of the SessionStore contract: numbering, paging, order,
 * field fidelity, and answers kept per session and per messageId.
 */
import { expect, it } from 'vitest';
import type { NewHistoryEntry } from './session-store';
import type { ContractContext } from './session-store.contract';
import { expectConflict } from '@parley/testkit/session-store/assertions';
import { created, historyEntry, isoNow, newId, turn } from '@parley/testkit/session-store/turns';

export function describeSessionHistoryContract(context: ContractContext): void {
  describeHistoryAndAudit(context);
  describeIdempotency(context);
}

function describeHistoryAndAudit(context: ContractContext): void {
  it('numbers history from 1 in commit order and pages it with a total', async () => {
    const store = context.store();
    const id = newId();
    await store.create(turn(id, 0, {}, undefined, ['u1', 'b1']));
    await store.commit(turn(id, 1, {}, undefined, ['u2', 'b2', 'b2bis']));
    const all = await store.history(id, { offset: 0, limit: 100 });
    expect(all.total).toBe(5);
    expect(all.entries.map((entry) => [entry.seq, entry.text])).toEqual([
      [1, 'u1'],
      [2, 'b1'],
      [3, 'u2'],
      [4, 'b2'],
      [5, 'b2bis'],
    ]);
    expect(all.entries[0]).toEqual({ seq: 1, ...historyEntry('u1'), at: all.entries[0]?.at });
    expect((await store.history(id, { offset: 2, limit: 2 })).entries.map((entry) => entry.seq)).toEqual([3, 4]);
    expect(await store.history(id, { offset: 5, limit: 10 })).toEqual({ entries: [], total: 5 });
    expect((await store.history(id, { offset: 0, limit: 0 })).entries).toEqual([]);
  });

  it('gives the recent history oldest first, however large the limit', async () => {
    const store = context.store();
    const id = newId();
    await store.create(turn(id, 0, {}, undefined, ['a', 'b', 'c', 'd']));
    expect((await store.recentHistory(id, 2)).map((entry) => [entry.seq, entry.text])).toEqual([
      [3, 'c'],
      [4, 'd'],
    ]);
    expect((await store.recentHistory(id, 10)).map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(await store.recentHistory(id, 0)).toEqual([]);
    expect(await store.recentHistory(newId(), 5)).toEqual([]);
  });

  it('keeps every history field and the timestamps as written', async () => {
    const store = context.store();
    const id = newId();
    const entry: NewHistoryEntry = { sender: 0, type: 'options', text: 'Pick one', content: { options: ['x', 'y'] }, at: isoNow() };
    const user: NewHistoryEntry = {
      sender: 1,
      type: 'file',
      text: 'a.pdf',
      content: { name: 'a.pdf', type: 'application/pdf' },
      at: isoNow(),
    };
    await store.create({ ...turn(id, 0), history: [user, entry] });
    expect(await store.recentHistory(id, 2)).toEqual([
      { seq: 1, ...user },
      { seq: 2, ...entry },
    ]);
  });

  it('loads a turn in one call: session, recent history and the stored answer', async () => {
    const store = context.store();
    const id = newId();
    await store.create(turn(id, 0, { state: 's' }, { messageId: 'm0', response: { replies: ['hi'] } }, ['a', 'b', 'c']));
    const snapshot = await store.loadTurn(id, { recentHistory: 2, messageId: 'm0' });
    expect(snapshot.session).toEqual(await store.get(id));
    expect(snapshot.recentHistory).toEqual(await store.recentHistory(id, 2));
    expect(snapshot.idempotentResponse).toEqual({ replies: ['hi'] });
    expect((await store.loadTurn(id, { recentHistory: 0 })).idempotentResponse).toBeUndefined();
    expect((await store.loadTurn(id, { recentHistory: 1, messageId: 'other' })).idempotentResponse).toBeUndefined();
    expect(await store.loadTurn(newId(), { recentHistory: 5, messageId: 'm0' })).toEqual({
      session: undefined,
      recentHistory: [],
      idempotentResponse: undefined,
    });
  });
}

function describeIdempotency(context: ContractContext): void {
  it('returns the stored answer for a messageId, and undefined for others', async () => {
    const store = context.store();
    const id = await created(store);
    await store.commit(turn(id, 1, {}, { messageId: 'm1', response: { replies: [{ type: 'str', content: 'hi' }] } }));
    expect(await store.idempotentResponse(id, 'm1')).toEqual({ replies: [{ type: 'str', content: 'hi' }] });
    expect(await store.idempotentResponse(id, 'm2')).toBeUndefined();
    expect(await store.idempotentResponse(newId(), 'm1')).toBeUndefined();
  });

  it('refuses a second answer for one messageId with a conflict and writes nothing', async () => {
    const store = context.store();
    const id = await created(store);
    await store.commit(turn(id, 1, {}, { messageId: 'm1', response: 'first' }));
    await expectConflict(store.commit(turn(id, 2, { state: 'again' }, { messageId: 'm1', response: 'second' })));
    expect(await store.idempotentResponse(id, 'm1')).toBe('first');
    expect(await store.get(id)).toMatchObject({ version: 2, state: 'init' });
    expect((await store.history(id, { offset: 0, limit: 10 })).total).toBe(2);
  });

  it('keeps answers per session: one messageId may be used by two sessions', async () => {
    const store = context.store();
    const [a, b] = [await created(store), await created(store)];
    await store.commit(turn(a, 1, {}, { messageId: 'same', response: 'for a' }));
    await store.commit(turn(b, 1, {}, { messageId: 'same', response: 'for b' }));
    expect([await store.idempotentResponse(a, 'same'), await store.idempotentResponse(b, 'same')]).toEqual(['for a', 'for b']);
  });
}
