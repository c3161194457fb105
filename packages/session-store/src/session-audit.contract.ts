/**
 * The audit part of the SessionStore contract: rows of every session queried together, newest first by (at, id),
 * filtered by session, kind, intent, state, fallback reason, score and time, paged by cursor, kept apart from the
 * sessions and dropped by their own retention. The suite's backend is shared by many tests, so each test writes
 * in a time window or under names of its own.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ContractContext } from './session-store.contract';
import type { AuditEntry, AuditQuery, AuditRecord, SessionStore } from './session-store';
import { expectCode } from '@parley/testkit/session-store/assertions';
import { newId, sleep, turn } from '@parley/testkit/session-store/turns';

/** A window of time no other test writes in: a random minute of the 1990s. */
function window(): { at: (ms: number) => string; from: string; to: string } {
  const start = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 3_000_000) * 60_000;
  return {
    at: (ms) => new Date(start + ms).toISOString(),
    from: new Date(start).toISOString(),
    to: new Date(start + 60_000).toISOString(),
  };
}

/** Creates session `id` (or commits to it at `version`) with exactly these audit rows. */
async function write(store: SessionStore, id: string, version: number, audit: AuditEntry[]): Promise<void> {
  const commit = { ...turn(id, version), audit };
  await (version === 0 ? store.create(commit) : store.commit(commit));
}

async function all(store: SessionStore, query: Omit<AuditQuery, 'limit'>, limit = 3): Promise<AuditRecord[]> {
  const rows: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryAudit({ ...query, limit, ...(cursor === undefined ? {} : { cursor }) });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return rows;
}

const prediction = (at: string, fields: Partial<AuditEntry> = {}): AuditEntry => ({
  kind: 'prediction',
  at,
  state: 's0',
  intent: 'greet',
  score: 0.75,
  fallbackReason: 'NONE',
  data: { text: 'hi \u0000 東京', modelVersion: 'v1' },
  ...fields,
});

export function describeSessionAuditContract(context: ContractContext): void {
  it('returns the audit of every session newest first, with store ids and every field as written', async () => {
    const store = context.store();
    const w = window();
    const [a, b] = [newId(), newId()];
    await write(store, a, 0, [{ kind: 'session', at: w.at(0), data: { event: 'created' } }]);
    await write(store, b, 0, [{ kind: 'session', at: w.at(1), state: 'init', data: { event: 'created' } }]);
    const predicted = prediction(w.at(2));
    const moved: AuditEntry = { kind: 'transition', at: w.at(2), state: 's0', data: { source: 's0', dest: 's1' } };
    await write(store, a, 1, [predicted, moved]);
    const rows = (await store.queryAudit({ from: w.from, to: w.to, limit: 10 })).rows;
    expect(rows.map((row) => [row.sessionId, row.kind])).toEqual([
      [a, 'transition'],
      [a, 'prediction'],
      [b, 'session'],
      [a, 'session'],
    ]);
    expect(rows[1]).toEqual({ ...predicted, id: rows[1]?.id, sessionId: a });
    expect(rows[0]).toEqual({ ...moved, id: rows[0]?.id, sessionId: a });
    expect(rows[3]).toEqual({ kind: 'session', at: w.at(0), data: { event: 'created' }, id: rows[3]?.id, sessionId: a });
    const ids = rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBeGreaterThan(ids[1] as number);
    expect(await context.peer().queryAudit({ from: w.from, to: w.to, limit: 10 })).toEqual({ rows });
  });

  it('orders by time, whatever the order of writing, and by id within one millisecond', async () => {
    const store = context.store();
    const w = window();
    const id = newId();
    await write(store, id, 0, [prediction(w.at(500), { intent: 'late' })]);
    await write(store, id, 1, [prediction(w.at(100), { intent: 'early' }), prediction(w.at(500), { intent: 'late too' })]);
    const rows = await all(store, { from: w.from, to: w.to }, 2);
    expect(rows.map((row) => row.intent)).toEqual(['late too', 'late', 'early']);
  });

  it('filters by session, kind, intent, state and fallback reason, alone and together', async () => {
    const store = context.store();
    const tag = randomUUID().slice(0, 8);
    const [a, b] = [newId(), newId()];
    const at = new Date().toISOString();
    await write(store, a, 0, [
      prediction(at, { state: `s-${tag}`, intent: `greet-${tag}`, fallbackReason: 'NONE' }),
      prediction(at, { state: `s-${tag}`, intent: 'fallback_intent', fallbackReason: `LOW-${tag}` }),
      { kind: 'transition', at, state: `s-${tag}`, data: { dest: 'x' } },
    ]);
    await write(store, b, 0, [prediction(at, { state: `t-${tag}`, intent: `greet-${tag}`, fallbackReason: `LOW-${tag}` })]);
    const shape = async (query: Omit<AuditQuery, 'limit'>): Promise<string[]> =>
      (await all(store, query)).map((row) => `${row.sessionId === a ? 'a' : 'b'}:${row.kind}:${row.intent ?? '-'}`).sort();
    expect(await shape({ sessionId: a })).toEqual(['a:prediction:fallback_intent', `a:prediction:greet-${tag}`, 'a:transition:-']);
    expect(await shape({ sessionId: a, kind: 'transition' })).toEqual(['a:transition:-']);
    expect(await shape({ intent: `greet-${tag}` })).toEqual([`a:prediction:greet-${tag}`, `b:prediction:greet-${tag}`]);
    expect(await shape({ state: `s-${tag}` })).toHaveLength(3);
    expect(await shape({ fallbackReason: `LOW-${tag}` })).toEqual(['a:prediction:fallback_intent', `b:prediction:greet-${tag}`]);
    expect(await shape({ fallbackReason: `LOW-${tag}`, state: `t-${tag}` })).toEqual([`b:prediction:greet-${tag}`]);
    expect(await shape({ intent: `greet-${tag}`, sessionId: b, state: `s-${tag}` })).toEqual([]);
  });

  it('filters by score, both bounds included, and never matches a row without a score', async () => {
    const store = context.store();
    const w = window();
    const scores = [0, 0.25, 0.5, 0.7500001, 1];
    await write(
      store,
      newId(),
      0,
      scores.map((score, n) => prediction(w.at(n), { score })),
    );
    await write(store, newId(), 0, [prediction(w.at(9), { score: undefined }), { kind: 'session', at: w.at(9), data: {} }]);
    const scored = async (query: Omit<AuditQuery, 'limit'>): Promise<Array<number | undefined>> =>
      (await all(store, { from: w.from, to: w.to, ...query })).map((row) => row.score);
    expect(await scored({ minScore: 0.25, maxScore: 0.7500001 })).toEqual([0.7500001, 0.5, 0.25]);
    expect(await scored({ minScore: 0.5 })).toEqual([1, 0.7500001, 0.5]);
    expect(await scored({ maxScore: 0 })).toEqual([0]);
    expect(await scored({})).toEqual([undefined, undefined, 1, 0.7500001, 0.5, 0.25, 0]);
  });

  it('answers a score range alike however many rows it holds (the SQL stores change plans above 10,000)', async () => {
    const store = context.store();
    const w = window();
    // 10,500 rows in one write: scores cycle through 0.000–0.999, every 7th row is a fallback.
    const rows = Array.from({ length: 10_500 }, (_, n) =>
      prediction(w.at(n), { score: (n % 1000) / 1000, fallbackReason: n % 7 === 0 ? 'LOW_CONFIDENCE' : 'NONE', data: {} }),
    );
    await write(store, newId(), 0, rows);
    const expected = (keep: (row: AuditEntry) => boolean): string[] =>
      rows
        .filter(keep)
        .map((row) => row.at)
        .reverse()
        .slice(0, 20);
    const ats = async (query: Omit<AuditQuery, 'limit'>): Promise<string[]> =>
      (await store.queryAudit({ from: w.from, to: w.to, limit: 20, ...query })).rows.map((row) => row.at);
    // Wide: every row. Narrow: 11 rows in all. Rare together: a fallback with a score of exactly 0.5.
    expect(await ats({ minScore: 0 })).toEqual(expected(() => true));
    expect(await ats({ minScore: 0.5, maxScore: 0.5 })).toEqual(expected((row) => row.score === 0.5));
    const rare = (row: AuditEntry): boolean => row.fallbackReason === 'LOW_CONFIDENCE' && row.score === 0.5;
    expect(await ats({ fallbackReason: 'LOW_CONFIDENCE', minScore: 0.5, maxScore: 0.5 })).toEqual(expected(rare));
  });

  it('filters by time, from included and to excluded', async () => {
    const store = context.store();
    const w = window();
    await write(
      store,
      newId(),
      0,
      [0, 999, 1000, 1001, 2000].map((ms) => prediction(w.at(ms), { intent: String(ms) })),
    );
    const intents = async (from: number, to: number): Promise<Array<string | undefined>> =>
      (await all(store, { from: w.at(from), to: w.at(to) })).map((row) => row.intent);
    expect(await intents(1000, 2000)).toEqual(['1001', '1000']);
    expect(await intents(999, 1001)).toEqual(['1000', '999']);
    expect(await intents(0, 1)).toEqual(['0']);
    expect(await intents(2001, 3000)).toEqual([]);
  });

  it('pages with a cursor: every row once and in order, also while newer rows arrive', async () => {
    const store = context.store();
    const w = window();
    const id = newId();
    await write(
      store,
      id,
      0,
      Array.from({ length: 25 }, (_, n) => prediction(w.at(n * 10 + (n % 3)), { intent: `i${n}` })),
    );
    const expected = Array.from({ length: 25 }, (_, n) => `i${24 - n}`);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.queryAudit({ from: w.from, to: w.to, limit: 7, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.rows.map((row) => row.intent ?? ''));
      cursor = page.nextCursor;
      pages += 1;
      // Newer rows between pages: they belong before the pages already read, so the next pages never show them.
      await write(store, newId(), 0, [prediction(w.at(30_000 + pages), { intent: `new${pages}` })]);
    } while (cursor !== undefined);
    expect(seen).toEqual(expected);
    expect(pages).toBe(4);
    const exact = await store.queryAudit({ sessionId: id, limit: 25 });
    expect(exact.rows).toHaveLength(25);
    expect(exact.nextCursor).toBeUndefined();
  });

  it('refuses a bad query with INVALID_ARGUMENT naming the field', async () => {
    const store = context.store();
    const bad: Array<[Partial<AuditQuery>, string]> = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ limit: 1.5 }, 'limit'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2030-01-01T00:00:00' }, 'to'],
      [{ minScore: 0.9, maxScore: 0.1 }, 'minScore'],
      [{ maxScore: Number.NaN }, 'maxScore'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ kind: 'other' as never }, 'kind'],
      [{ intent: '' }, 'intent'],
      [{ state: 'a\u0000b' }, 'state'],
    ];
    for (const [query, field] of bad) {
      const error = await store.queryAudit({ limit: 10, ...query }).catch((reason: unknown) => reason);
      expect(error, JSON.stringify(query)).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    }
  });

  it('drops rows older than auditRetentionSeconds, whatever their session', async () => {
    // 3 s: the first query must come within the retention of the fresh row's write, also on a loaded machine (0.6 s
    // was seen to pass before it on PostgreSQL under the full suite).
    const store = await context.backend().open({ ttlSeconds: 0, auditRetentionSeconds: 3 });
    try {
      const id = newId();
      const old = new Date(Date.now() - 10_000).toISOString();
      const freshAt = Date.now();
      await write(store, id, 0, [prediction(old, { intent: 'old' }), prediction(new Date(freshAt).toISOString(), { intent: 'fresh' })]);
      expect((await store.queryAudit({ sessionId: id, limit: 10 })).rows.map((row) => row.intent)).toEqual(['fresh']);
      await sleep(freshAt + 3_300 - Date.now());
      expect((await store.queryAudit({ sessionId: id, limit: 10 })).rows).toEqual([]);
      expect(await store.get(id)).toBeDefined();
    } finally {
      await store.close();
    }
    await expectCode(context.backend().open({ ttlSeconds: 0, auditRetentionSeconds: -1 }), 'INVALID_ARGUMENT');
  });
}
