/**
 * The one behaviour every SessionStore adapter must show, run by one small test file per adapter against its
 * real backend. Each test uses its own session ids, so the tests of one run never see each other's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '@parley/domain';
import { isSessionConflictError } from './session-conflict-error';
import { describeSessionLockContract } from './session-lock.contract';
import type { AuditEntry, NewHistoryEntry, SessionStore, SessionStoreOptions } from './session-store';
import { codeOf, expectCode, expectConflict } from './testing/assertions';
import { created, historyEntry, isoNow, newId, sleep, turn } from './testing/turns';

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
    describeHistoryAndAudit(context);
    describeIdempotency(context);
    describeExpiry(context);
    describeSessionLockContract(context);
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
    expect(await store.audit(id, { offset: 0, limit: 10 })).toHaveLength(2);
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
    expect(history.entries.map((entry) => [entry.seq, entry.text])).toEqual([[1, 'hello'], [2, 'hello'], [3, 'welcome back']]);
    expect(await store.audit(id, { offset: 0, limit: 10 })).toHaveLength(3);
    await expectConflict(store.commit(turn(id, 2)));
  });

  it('refuses a reset of a missing session with SESSION_NOT_FOUND', async () => {
    await expectCode(context.store().reset(turn(newId(), 1)), 'SESSION_NOT_FOUND');
  });

  it('deletes a session with its history, audit and answers, and reports whether there was one', async () => {
    const store = context.store();
    const id = await created(store);
    await store.commit(turn(id, 1, {}, { messageId: 'm1', response: { ok: true } }));
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.history(id, { offset: 0, limit: 10 })).toEqual({ entries: [], total: 0 });
    expect(await store.audit(id, { offset: 0, limit: 10 })).toEqual([]);
    expect(await store.idempotentResponse(id, 'm1')).toBeUndefined();
    expect(await store.delete(id)).toBe(false);
    await store.create(turn(id, 0, {}, undefined, ['again']));
    expect((await store.history(id, { offset: 0, limit: 10 })).entries.map((entry) => [entry.seq, entry.text])).toEqual([[1, 'again']]);
    expect(await store.idempotentResponse(id, 'm1')).toBeUndefined();
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
    expect((await store.audit(id, { offset: 0, limit: 1 }))[0]?.data).toEqual({ payload: content });
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

function describeHistoryAndAudit(context: ContractContext): void {
  it('numbers history from 1 in commit order and pages it with a total', async () => {
    const store = context.store();
    const id = newId();
    await store.create(turn(id, 0, {}, undefined, ['u1', 'b1']));
    await store.commit(turn(id, 1, {}, undefined, ['u2', 'b2', 'b2bis']));
    const all = await store.history(id, { offset: 0, limit: 100 });
    expect(all.total).toBe(5);
    expect(all.entries.map((entry) => [entry.seq, entry.text])).toEqual([[1, 'u1'], [2, 'b1'], [3, 'u2'], [4, 'b2'], [5, 'b2bis']]);
    expect(all.entries[0]).toEqual({ seq: 1, ...historyEntry('u1'), at: all.entries[0]?.at });
    expect((await store.history(id, { offset: 2, limit: 2 })).entries.map((entry) => entry.seq)).toEqual([3, 4]);
    expect(await store.history(id, { offset: 5, limit: 10 })).toEqual({ entries: [], total: 5 });
    expect((await store.history(id, { offset: 0, limit: 0 })).entries).toEqual([]);
  });

  it('gives the recent history oldest first, however large the limit', async () => {
    const store = context.store();
    const id = newId();
    await store.create(turn(id, 0, {}, undefined, ['a', 'b', 'c', 'd']));
    expect((await store.recentHistory(id, 2)).map((entry) => [entry.seq, entry.text])).toEqual([[3, 'c'], [4, 'd']]);
    expect((await store.recentHistory(id, 10)).map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(await store.recentHistory(id, 0)).toEqual([]);
    expect(await store.recentHistory(newId(), 5)).toEqual([]);
  });

  it('keeps every history field and the timestamps as written', async () => {
    const store = context.store();
    const id = newId();
    const entry: NewHistoryEntry = { sender: 0, type: 'options', text: 'Pick one', content: { options: ['x', 'y'] }, at: isoNow() };
    const user: NewHistoryEntry = { sender: 1, type: 'file', text: 'a.pdf', content: { name: 'a.pdf', type: 'application/pdf' }, at: isoNow() };
    await store.create({ ...turn(id, 0), history: [user, entry] });
    expect(await store.recentHistory(id, 2)).toEqual([{ seq: 1, ...user }, { seq: 2, ...entry }]);
  });

  it('keeps the audit in order across commits and pages it', async () => {
    const store = context.store();
    const id = newId();
    const prediction: AuditEntry = { kind: 'prediction', data: { intent: 'greet', score: 0.93 }, at: isoNow() };
    const transition: AuditEntry = { kind: 'transition', data: { source: 'init', dest: 'greet', event: 'intent_matched' }, at: isoNow() };
    await store.create({ ...turn(id, 0), audit: [{ kind: 'session', data: { created: true }, at: isoNow() }] });
    await store.commit({ ...turn(id, 1), audit: [prediction, transition] });
    const audit = await store.audit(id, { offset: 0, limit: 10 });
    expect(audit.map((entry) => entry.kind)).toEqual(['session', 'prediction', 'transition']);
    expect(audit.slice(1)).toEqual([prediction, transition]);
    expect(await store.audit(id, { offset: 1, limit: 1 })).toEqual([prediction]);
    expect(await store.audit(id, { offset: 3, limit: 5 })).toEqual([]);
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

function describeExpiry(context: ContractContext): void {
  it('expires a session ttlSeconds after its last write, with everything it kept', async () => {
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
      expect(await store.audit(id, { offset: 0, limit: 5 })).toEqual([]);
      await expectCode(store.commit(turn(id, 1)), 'SESSION_NOT_FOUND');
      await store.create(turn(id, 0, {}, undefined, ['fresh']));
      expect((await store.recentHistory(id, 5)).map((entry) => [entry.seq, entry.text])).toEqual([[1, 'fresh']]);
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

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the contract backend is not open (did beforeAll fail?)');
  return value;
}
