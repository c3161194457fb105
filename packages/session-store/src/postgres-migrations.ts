/**
 * The PostgreSQL store's schema versions and the steps between them. The version lives in `<schema>.schema_version`
 * (schema 1 had none: a `sessions` table without it means 1). Every store brings its schema to the latest version
 * at first use, inside one transaction holding an advisory lock on the schema's name, so processes starting at
 * once take turns and the later ones find the work done; a crash mid-way rolls it all back. A schema from a newer
 * Parley is refused rather than misread.
 */
import type { PoolClient } from 'pg';
import { ParleyError, type JsonObject } from '@parley/domain';
import { schema1AuditFields } from './schema1-audit-fields';
import { postgresSchema1Sql } from './postgres-schema-1';
import { schema2IndexesSql, schema2TablesSql } from './postgres-schema-2';
import { storeErrors } from './store-errors';

/** Schema-1 audit rows filled per round trip during the migration to schema 2. */
const BACKFILL_BATCH = 5_000;

/** Step n brings a schema at version n to version n + 1; `s` is the quoted schema name. */
const STEPS: ReadonlyArray<(client: PoolClient, s: string) => Promise<void>> = [
  async (client, s) => {
    await client.query(postgresSchema1Sql(s));
  },
  async (client, s) => {
    await client.query(schema2TablesSql(s));
    await backfillSchema1Audit(client, s);
    await client.query(schema2IndexesSql(s));
  },
];

export const POSTGRES_SCHEMA_VERSION = STEPS.length;

/** Returns the schema name double-quoted for SQL, after checking it is a plain identifier. */
export function quoteSchema(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new ParleyError('INVALID_ARGUMENT', `schema must be a plain SQL identifier (letters, digits, _), got "${schema}"`, {
      field: 'schema',
    });
  }
  return `"${schema}"`;
}

/** Brings schema `s` (quoted) to POSTGRES_SCHEMA_VERSION on `client`; returns the version it found. */
export async function migratePostgres(client: PoolClient, s: string): Promise<number> {
  await client.query('BEGIN');
  try {
    // CREATE … IF NOT EXISTS alone still races between processes: serialise them on the schema's name.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley-schema:${s}`]);
    const found = await storedVersion(client, s);
    if (found > POSTGRES_SCHEMA_VERSION) throw storeErrors.schemaTooNew('PostgreSQL', found, POSTGRES_SCHEMA_VERSION);
    for (const step of STEPS.slice(found)) await step(client, s);
    if (found < POSTGRES_SCHEMA_VERSION) {
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer NOT NULL)`);
      await client.query(`DELETE FROM ${s}.schema_version`);
      await client.query(`INSERT INTO ${s}.schema_version (version) VALUES ($1)`, [POSTGRES_SCHEMA_VERSION]);
    }
    await client.query('COMMIT');
    return found;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function storedVersion(client: PoolClient, s: string): Promise<number> {
  const { rows } = await client.query<{ versioned: string | null; sessions: string | null }>(
    'SELECT to_regclass($1) AS versioned, to_regclass($2) AS sessions',
    [`${s}.schema_version`, `${s}.sessions`],
  );
  if (rows[0]?.versioned) {
    const { rows: version } = await client.query<{ version: number }>(`SELECT max(version) AS version FROM ${s}.schema_version`);
    return version[0]?.version ?? 0;
  }
  return rows[0]?.sessions ? 1 : 0;
}

/**
 * Fills the filter columns of schema-1 audit rows, read from their data by the rules every adapter shares. The
 * JSON is decoded here, not in SQL, because PostgreSQL's JSON operators refuse a document holding \u0000.
 */
async function backfillSchema1Audit(client: PoolClient, s: string): Promise<void> {
  let after = 0;
  for (;;) {
    const { rows } = await client.query<{ id: string; kind: string; data: string }>(
      `SELECT id, kind, data::text AS data FROM ${s}.audit WHERE id > $1 AND kind <> 'session' ORDER BY id LIMIT $2`,
      [after, BACKFILL_BATCH],
    );
    if (rows.length === 0) return;
    const fields = rows.map((row) => schema1AuditFields(row.kind, JSON.parse(row.data) as JsonObject));
    await client.query(
      `UPDATE ${s}.audit a SET state = f.state, intent = f.intent, score = f.score, fallback_reason = f.fallback_reason
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::text[]) AS f(id, state, intent, score, fallback_reason)
       WHERE a.id = f.id`,
      [
        rows.map((row) => row.id),
        fields.map((field) => field.state ?? null),
        fields.map((field) => field.intent ?? null),
        fields.map((field) => field.score ?? null),
        fields.map((field) => field.fallbackReason ?? null),
      ],
    );
    after = Number(rows[rows.length - 1]?.id);
  }
}
