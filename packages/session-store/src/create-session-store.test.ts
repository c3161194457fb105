import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionStore, type SessionStoreConfig } from './create-session-store';
import { MemorySessionStore } from './memory-session-store';
import { PostgresSessionStore } from './postgres-session-store';
import { RedisSessionStore } from './redis-session-store';
import { SqliteSessionStore } from './sqlite-session-store';
import { created } from '@parley/testkit/session-store/turns';

const directory = mkdtempSync(join(tmpdir(), 'parley-factory-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('createSessionStore', () => {
  it('builds the adapter each kind names', async () => {
    const cases: Array<[SessionStoreConfig, abstract new (...args: never[]) => unknown]> = [
      [{ kind: 'memory' }, MemorySessionStore],
      [{ kind: 'sqlite', path: join(directory, 'factory.db'), ttlSeconds: 60 }, SqliteSessionStore],
      [{ kind: 'redis', url: 'redis://127.0.0.1:1', keyPrefix: 'x:' }, RedisSessionStore],
      [{ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test', schema: 'x' }, PostgresSessionStore],
    ];
    for (const [config, adapter] of cases) {
      const store = createSessionStore(config);
      expect(store).toBeInstanceOf(adapter);
      await store.close();
    }
  });

  it('passes ttlSeconds on, defaulting to never', async () => {
    const store = createSessionStore({ kind: 'memory', ttlSeconds: 0.01 });
    const id = await created(store);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await store.get(id)).toBeUndefined();
    const forever = createSessionStore({ kind: 'memory' });
    const kept = await created(forever);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await forever.get(kept)).toBeDefined();
  });

  it('refuses a bad config with INVALID_ARGUMENT naming the field', () => {
    const refused = (config: unknown, field: string): void =>
      expect(() => createSessionStore(config as SessionStoreConfig)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field }));
    refused({ kind: 'mongo' }, 'kind');
    refused({ kind: 'sqlite', path: '' }, 'path');
    refused({ kind: 'redis' }, 'url');
    refused({ kind: 'postgres', url: ' ' }, 'url');
    refused({ kind: 'memory', ttlSeconds: -5 }, 'ttlSeconds');
    refused({ kind: 'postgres', url: 'postgres://localhost/x', schema: 'no spaces' }, 'schema');
  });
});
