/**
 * The NLU model store contract on the machine's real PostgreSQL, in a schema of this run, plus what only PostgreSQL
 * does: its tables in the configured schema (created by replicas starting together), MODEL_STORE_UNAVAILABLE when
 * the server cannot be reached, and NLU servers on it that write nothing to their model directory.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { testServers } from '@parley/testkit/session-store/test-servers';
import { afterAll, expect, it } from 'vitest';
import { describeModelStoreContract } from './model-store.contract';
import { openModelStore } from './open-model-store';

const url = testServers.postgresUrl;

async function sql(text: string, params: unknown[] = []): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const unreachable = await unreachableReason(() => sql('SELECT 1'));
const runSchema = (): string => `parley_models_test_${randomBytes(6).toString('hex')}`;
const schemas: string[] = [];

describeWithServer('PostgresModelStore', `PostgreSQL at ${url}`, unreachable, () => {
  afterAll(async () => {
    for (const schema of schemas) await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  describeModelStoreContract('PostgresModelStore', async () => {
    const schema = runSchema();
    schemas.push(schema);
    // Each server gets a model directory that must never come to exist: nothing is shared through files.
    const unusedDir = join(tmpdir(), `parley-unused-${randomBytes(6).toString('hex')}`);
    return {
      open: () => openModelStore({ kind: 'postgres', url, schema }),
      env: { PARLEY_MODEL_STORE: url, PARLEY_MODEL_STORE_SCHEMA: schema, PARLEY_MODEL_DIR: unusedDir },
      destroy: async () => {
        expect(existsSync(unusedDir)).toBe(false);
        await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  });

  it('creates its tables in the configured schema, also when several replicas start at once', async () => {
    const schema = runSchema();
    schemas.push(schema);
    const stores = Array.from({ length: 4 }, () => openModelStore({ kind: 'postgres', url, schema }));
    try {
      await Promise.all(stores.flatMap((store) => [store.models.init(), store.jobs.init()]));
      const tables = await sql('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);
      expect(tables).toEqual(['model_aliases', 'model_versions', 'training_jobs'].map((table_name) => ({ table_name })));
    } finally {
      await Promise.all(stores.map((store) => store.models.close()));
    }
  });

  it('answers MODEL_STORE_UNAVAILABLE, naming the store, when PostgreSQL cannot be reached', async () => {
    const store = openModelStore({ kind: 'postgres', url: 'postgres://postgres:secret@127.0.0.1:1/test', schema: 'parley' });
    try {
      const error = await store.models.init().then(
        () => undefined,
        (reason: unknown) => reason as { code?: string; message?: string },
      );
      expect(error?.code).toBe('MODEL_STORE_UNAVAILABLE');
      expect(error?.message).toContain('postgres://postgres:***@127.0.0.1:1/test');
      expect(error?.message).not.toContain('secret');
    } finally {
      await store.models.close();
    }
  });
});
