/**
 * The one behaviour every SessionStore adapter must show, run by one small test file per adapter against its
 * real backend. Each test uses its own session ids, so the tests of one run never see each other's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '@parley/domain';
import { isSessionConflictError } from './session-conflict-error';
import { describeSessionAuditContract } from './session-audit.contract';
import { describeSessionContextContract } from './session-context.contract';
import { describeSessionExpiryContract } from './session-expiry.contract';
import { describeSessionHistoryContract } from './session-history.contract';
import { describeLockedTurnContract } from './locked-turn.contract';
import { describeSessionLockContract } from './session-lock.contract';
import type { SessionStore, SessionStoreOptions } from './session-store';
import { codeOf, expectCode, expectConflict } from '@parley/testkit/session-store/assertions';
import { created, newId, turn } from '@parley/testkit/session-store/turns';

/** One run's backend: a key prefix, a schema or a file of its own. */
export interface ContractBackend {
  /** Opens a new store instance on this run's backend. */
  open(options: SessionStoreOptions): Promise<SessionStore>;
  /**
   * What two instances opened here share: nothing (memory), their data (SQLite: the lock is per instance), or
   * data and lock (Redis, PostgreSQL).
   */
  sharing: 'none' | 'data' | 'data-and-lock';
  /** Removes everything this run wrote. */
  destroy(): Promise<void>;
}

export function describeSessionStoreContract(name: string, factory: () => Promise<ContractBackend>): void {
  describe(`${name} honours the SessionStore contract`, () => {
    const context = openContext(factory);
    describeRecords(context);
    describeSessionHistoryContract(context);
    describeSessionContextContract(context);
    describeSessionAuditContract(context);
    describeSessionExpiryContract(context);
    describeSessionLockContract(context);
    describeLockedTurnContract(context);
  });
}

export interface ContractContext {
  backend(): ContractBackend;
  /** A store with no expiry, shared by the tests of the suite. */
  store(): SessionStore;
  /** A second instance on the same backend when `sharing` allows, else the same store. */
  peer(): SessionStore;
  /** The second instance when it shares the lock too, else the same store: what the lock tests spread work over. */
  peerForLock(): SessionStore;
}

function openContext(factory: () => Promise<ContractBackend>): ContractContext {
  let backend: ContractBackend | undefined;
  let store: SessionStore | undefined;
  let peer: SessionStore | undefined;
  beforeAll(async () => {
    backend = await factory();
    store = await backend.open({ ttlSeconds: 0 });
    peer = backend.sharing === 'none' ? store : await backend.open({ ttlSeconds: 0 });
  });
  afterAll(async () => {
    if (peer !== store) await peer?.close();
    await store?.close();
    await backend?.destroy();
  });
  return {
    backend: () => defined(backend),
    store: () => defined(store),
    peer: () => defined(peer),
    peerForLock: () => (defined(backend).sharing === 'data-and-lock' ? defined(peer) : defined(store)),
  };
}

function describeRecords(context: ContractContext): void {
  it('creates a session that get returns as written, at version 1', async () => {
    const store = context.store();
    const created = turn(newId(), 0, { variables: { name: 'Ada', tags: ['a'] } });
    await store.create(created);
    expect(await store.get(created.session.id)).toEqual({ ...created.session, version: 1 });
  });

  it('answers undefined for an unknown session', async () => {
    expect(await context.store().get(newId())).toBeUndefined();
  });

  it('refuses a second create of one id with SESSION_EXISTS and keeps the first', async () => {
    const store = context.store();
    const first = turn(newId(), 0, { state: 'first' });
    await store.create(first);
    await expectCode(store.create({ ...first, session: { ...first.session, state: 'second' } }), 'SESSION_EXISTS');
    expect((await store.get(first.session.id))?.state).toBe('first');
    expect((await store.history(first.session.id, { offset: 0, limit: 10 })).total).toBe(1);
  });

  it('commits state and variables and bumps the version', async () => {
    const store = context.store();
    const id = await created(store);
    const next = turn(id, 1, { state: 'weather', variables: { city: 'Barcelona', n: 3 } });
    await store.commit(next);
    expect(await store.get(id)).toEqual({ ...next.session, version: 2 });
    await store.commit(turn(id, 2));
    expect((await store.get(id))?.version).toBe(3);
  });

  it('refuses a commit on a stale version with a conflict and writes nothing', async () => {
    const store = context.store();
    const id = await created(store);
    await store.commit(turn(id, 1, { state: 'moved' }));
    const stale = turn(id, 1, { state: 'stale' }, { messageId: 'm-stale', response: 'x' });
    await expectConflict(store.commit(stale));
    expect((await store.get(id))?.state).toBe('moved');
    expect((await store.history(id, { offset: 0, limit: 10 })).total).toBe(2);
    expect((await store.queryAudit({ sessionId: id, limit: 10 })).rows).toHaveLength(2);
    expect(await store.idempotentResponse(id, 'm-stale')).toBeUndefined();
  });

  it('refuses a commit on a missing session with SESSION_NOT_FOUND', async () => {
    await expectCode(context.store().commit(turn(newId(), 1)), 'SESSION_NOT_FOUND');
  });

  it('lets exactly one of two racing commits on one version win', async () => {
    const [store, peer] = [context.store(), context.peer()];
    const id = await created(store);
    const results = await Promise.allSettled([
      store.commit(turn(id, 1, { state: 'a' }, undefined, ['from a'])),
      peer.commit(turn(id, 1, { state: 'b' }, undefined, ['from b'])),
    ]);
    const winner = results.findIndex((result) => result.status === 'fulfilled');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const loser = results[1 - winner];
    expect(loser?.status === 'rejected' && isSessionConflictError(loser.reason)).toBe(true);
    const session = await store.get(id);
    expect(session?.version).toBe(2);
    const texts = (await store.history(id, { offset: 0, limit: 10 })).entries.map((entry) => entry.text);
    expect(texts).toEqual(['hello', `from ${session?.state}`]);
  });

  it('lets exactly one of several racing creates of one id win', async () => {
    const id = newId();
    const stores = [context.store(), context.peer(), context.store(), context.peer()];
    const results = await Promise.allSettled(stores.map((store, n) => store.create(turn(id, 0, { state: `s${n}` }))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(codeOf(result.reason)).toBe('SESSION_EXISTS');
    }
    expect((await context.store().history(id, { offset: 0, limit: 10 })).total).toBe(1);
  });

  it('resets state and variables, keeps history and audit, appends the reset turn, bumps the version', async () => {
    const store = context.store();
    const id = await created(store);
    await store.commit(turn(id, 1, { state: 'deep', variables: { a: 1 } }));
    const reset = turn(id, 99, { state: 'init', variables: {} }, undefined, ['welcome back']);
    await store.reset(reset);
    expect(await store.get(id)).toEqual({ ...reset.session, version: 3 });
    const history = await store.history(id, { offset: 0, limit: 10 });
    expect(history.entries.map((entry) => [entry.seq, entry.text])).toEqual([
      [1, 'hello'],
      [2, 'hello'],
      [3, 'welcome back'],
    ]);
    expect((await store.queryAudit({ sessionId: id, limit: 10 })).rows).toHaveLength(3);
    await expectConflict(store.commit(turn(id, 2)));
  });

  it('refuses a reset of a missing session with SESSION_NOT_FOUND', async () => {
    await expectCode(context.store().reset(turn(newId(), 1)), 'SESSION_NOT_FOUND');
  });

  it('deletes a session with its history and answers, keeps its audit, and reports whether there was one', async () => {
    const store = context.store();
    const id = await created(store);
    await store.commit(turn(id, 1, {}, { messageId: 'm1', response: { ok: true } }));
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.history(id, { offset: 0, limit: 10 })).toEqual({ entries: [], total: 0 });
    expect(await store.idempotentResponse(id, 'm1')).toBeUndefined();
    expect((await store.queryAudit({ sessionId: id, limit: 10 })).rows).toHaveLength(2);
    expect(await store.delete(id)).toBe(false);
    await store.create(turn(id, 0, {}, undefined, ['again']));
    expect((await store.history(id, { offset: 0, limit: 10 })).entries.map((entry) => [entry.seq, entry.text])).toEqual([[1, 'again']]);
    expect(await store.idempotentResponse(id, 'm1')).toBeUndefined();
    // The new session's audit joins the old one's, which was never the session's to take along.
    expect((await store.queryAudit({ sessionId: id, limit: 10 })).rows).toHaveLength(3);
  });

  it('keeps JSON values exactly: nesting, unicode, NUL, big and small numbers, null, empty containers', async () => {
    const store = context.store();
    const variables: JsonObject = {
      text: 'Grüße, 東京 🌧️ \u0000 "quoted" \\ \n',
      numbers: [0, -1, 1.5, 2 ** 53 - 1, -(2 ** 53 - 1), 1e-7, 1.7976931348623157e308],
      nothing: null,
      flags: [true, false],
      empty: { list: [], object: {} },
      deep: { a: { b: { c: [{ d: 'e' }] } } },
    };
    const content: JsonValue = ['options', { values: ['Sí', 'Non'], at: null }, 3.25];
    const id = newId();
    await store.create(turn(id, 0, { variables }, { messageId: 'm-json', response: content }, [], content));
    expect((await store.get(id))?.variables).toEqual(variables);
    expect((await store.recentHistory(id, 1))[0]?.content).toEqual(content);
    expect(await store.idempotentResponse(id, 'm-json')).toEqual(content);
    expect((await store.queryAudit({ sessionId: id, limit: 1 })).rows[0]?.data).toEqual({ payload: content });
  });

  it('shares data between two instances on one backend', async () => {
    if (context.backend().sharing === 'none') return;
    const id = await created(context.store());
    expect((await context.peer().get(id))?.version).toBe(1);
  });

  it('answers ping while the backend is reachable', async () => {
    await expect(context.store().ping()).resolves.toBeUndefined();
  });
}

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the contract backend is not open (did beforeAll fail?)');
  return value;
}
