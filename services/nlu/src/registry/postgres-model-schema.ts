/**
 * The PostgreSQL model store's tables, in their own schema (PARLEY_MODEL_STORE_SCHEMA): versions (the registry's
 * record, the artifact's manifest as `json`, kept as written, and its weights as `bytea`), aliases (deleted with
 * the version they point at) and training jobs. Created when missing, under an advisory lock, so replicas starting
 * together never race on the DDL.
 */
import pg from 'pg';

/** The schema double-quoted for SQL, after checking it is a plain identifier (config.ts checks it first). */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function schemaSql(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.model_versions (
  model_id text NOT NULL,
  version text NOT NULL,
  created_at timestamptz NOT NULL,
  info json NOT NULL,
  manifest json NOT NULL,
  weights bytea NOT NULL,
  PRIMARY KEY (model_id, version)
);
CREATE TABLE IF NOT EXISTS ${s}.model_aliases (
  model_id text NOT NULL,
  alias text NOT NULL,
  version text NOT NULL,
  PRIMARY KEY (model_id, alias),
  FOREIGN KEY (model_id, version) REFERENCES ${s}.model_versions (model_id, version) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS ${s}.training_jobs (
  id text PRIMARY KEY,
  model_id text NOT NULL,
  finished boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  record json NOT NULL,
  cancel_requested boolean NOT NULL DEFAULT false
);`;
}

/** Creates the schema and tables when missing; safe to run by every replica at once. */
export async function createModelStoreSchema(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley-model-store:${schema}`]);
    await client.query(schemaSql(quoteIdentifier(schema)));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
