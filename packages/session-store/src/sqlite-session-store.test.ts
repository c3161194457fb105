import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSessionStoreContract } from './session-store.contract';
import { SqliteSessionStore } from './sqlite-session-store';
import { expectCode } from '@parley/testkit/session-store/assertions';
import { created, newId, sleep, turn } from '@parley/testkit/session-store/turns';
import { SQLITE_CRASH_CHILD, typescriptChildArgs } from '@parley/testkit/session-store/typescript-child';

const directory = mkdtempSync(join(tmpdir(), 'parley-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeSessionStoreContract('SqliteSessionStore', async () => {
  const path = join(directory, `contract-${newId()}.db`);
  return {
    sharing: 'data',
    open: async (options) => new SqliteSessionStore({ ...options, path }),
    destroy: async () => undefined,
  };
});

describe('SqliteSessionStore', () => {
  it('opens its file in WAL mode with synchronous=FULL unless told NORMAL', async () => {
    const path = join(directory, 'pragmas', 'nested', 'sessions.db');
    const store = new SqliteSessionStore({ path, ttlSeconds: 0 });
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const normal = new SqliteSessionStore({ path, ttlSeconds: 0, synchronous: 'NORMAL' });
    expect((normal as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true })).toBe(1);
    await normal.close();
  });

  it('keeps sessions across close and reopen', async () => {
    const path = join(directory, 'reopen.db');
    const first = new SqliteSessionStore({ path, ttlSeconds: 0 });
    const id = await created(first);
    await first.close();
    const second = new SqliteSessionStore({ path, ttlSeconds: 0 });
    expect((await second.get(id))?.version).toBe(1);
    expect((await second.history(id, { offset: 0, limit: 5 })).total).toBe(1);
    await second.close();
  });

  it('keeps every committed turn when its process is killed with SIGKILL', async () => {
    const path = join(directory, 'crash.db');
    const id = newId();
    await runUntilCommittedThenKill(path, id, 25);
    const store = new SqliteSessionStore({ path, ttlSeconds: 0 });
    expect(await store.get(id)).toMatchObject({ version: 26, state: 's25' });
    const history = await store.history(id, { offset: 0, limit: 100 });
    expect(history.total).toBe(26);
    expect(history.entries.at(-1)?.text).toBe('turn 25');
    await store.close();
  });

  it('purges expired sessions with their history', async () => {
    const path = join(directory, 'purge.db');
    const store = new SqliteSessionStore({ path, ttlSeconds: 0.05 });
    const id = await created(store);
    await sleep(80);
    expect(store.purgeExpired()).toBe(1);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM history WHERE session_id = ?').get(id)).toEqual({ n: 0 });
    db.close();
  });

  it('purges audit rows older than the retention from the file, and keeps the others and the sessions', async () => {
    const path = join(directory, 'audit-purge.db');
    const store = new SqliteSessionStore({ path, ttlSeconds: 0, auditRetentionSeconds: 60 });
    const id = newId();
    const old = new Date(Date.now() - 120_000).toISOString();
    const commit = turn(id, 0);
    await store.create({ ...commit, audit: [{ kind: 'session', at: old, data: {} }, ...commit.audit] });
    expect(store.purgeAudit()).toBe(1);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM audit WHERE session_id = ?').get(id)).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get(id)).toEqual({ n: 1 });
    db.close();
  });

  it('answers STORE_UNAVAILABLE when its file cannot be opened, and after close', async () => {
    const blocker = join(directory, 'a-file');
    writeFileSync(blocker, 'not a directory');
    expect(() => new SqliteSessionStore({ path: join(blocker, 'sessions.db'), ttlSeconds: 0 })).toThrow(
      expect.objectContaining({ code: 'STORE_UNAVAILABLE' }),
    );
    const store = new SqliteSessionStore({ path: join(directory, 'closed.db'), ttlSeconds: 0 });
    await store.close();
    await expectCode(store.get('x'), 'STORE_UNAVAILABLE');
    await expectCode(store.ping(), 'STORE_UNAVAILABLE');
  });
});

/** Runs the testkit's SQLite crash child, waits for its report, then kills it with SIGKILL. */
function runUntilCommittedThenKill(path: string, id: string, turns: number): Promise<void> {
  const child = spawn(process.execPath, typescriptChildArgs(SQLITE_CRASH_CHILD, [path, id, String(turns)]), {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`committed ${turns}`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited with ${code ?? signal}: ${output}`)),
    );
  });
}
