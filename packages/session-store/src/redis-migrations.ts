/**
 * The Redis store's schema versions. The version lives in `<prefix>schema` (schema 1 had none). Schema 2 moves
 * each session's audit list (`<prefix>{<id>}:a`, which expired and was deleted with its session) into the audit
 * of redis-audit.ts, filter fields read from the rows by the rules every adapter shares; sessions themselves need
 * no change (their new fields are simply absent). One process migrates at a time, under a lock; the others wait for
 * the version to appear. Each list moves in one script that checks the list is as read, so a migration cut short
 * is finished by the next without moving a row twice. A prefix from a newer Parley is refused.
 */
import { auditRowArgs, type RedisAuditKeys } from './redis-audit';
import { redisCall, type RedisClient } from './redis-client';
import { RedisLock } from './redis-lock';
import { schema1AuditFields } from './schema1-audit-fields';
import type { AuditEntry } from './session-store';
import { storeErrors } from './store-errors';

export const REDIS_SCHEMA_VERSION = 2;

/** A migration of a large audit takes a while: waiters are patient, and the lease is renewed meanwhile. */
const MIGRATION_LOCK = { leaseMs: 15_000, waitMs: 15 * 60_000, pollMs: 250 };

/** Brings `prefix` to REDIS_SCHEMA_VERSION; returns the version it found. */
export async function migrateRedis(client: RedisClient, prefix: string, audit: RedisAuditKeys): Promise<number> {
  const versionKey = `${prefix}schema`;
  const found = await storedVersion(client, versionKey);
  if (found === REDIS_SCHEMA_VERSION) return found;
  const lock = new RedisLock(client, MIGRATION_LOCK);
  try {
    await lock.hold('schema', `${prefix}schema:lock`, `${prefix}schema:released`, async () => {
      // Read again under the lock: another process may have migrated meanwhile.
      if ((await storedVersion(client, versionKey)) < REDIS_SCHEMA_VERSION) {
        await moveSchema1AuditLists(client, prefix, audit);
        await redisCall(() => client.set(versionKey, String(REDIS_SCHEMA_VERSION)));
      }
    });
  } finally {
    await lock.close();
  }
  return found;
}

async function storedVersion(client: RedisClient, key: string): Promise<number> {
  const stored = await redisCall(() => client.get(key));
  const version = stored === null ? 1 : Number(stored);
  if (version > REDIS_SCHEMA_VERSION) throw storeErrors.schemaTooNew('Redis', version, REDIS_SCHEMA_VERSION);
  return version;
}

/** Finds every schema-1 audit list of the prefix (SCAN: the server keeps answering others meanwhile) and moves it. */
async function moveSchema1AuditLists(client: RedisClient, prefix: string, audit: RedisAuditKeys): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}{*}:a`;
  let cursor = '0';
  do {
    const [next, keys] = await redisCall(() => client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000, 'TYPE', 'list'));
    for (const key of keys) await moveList(client, key, key.slice(prefix.length + 1, -'}:a'.length), audit);
    cursor = next;
  } while (cursor !== '0');
}

async function moveList(client: RedisClient, key: string, sessionId: string, audit: RedisAuditKeys): Promise<void> {
  for (;;) {
    const rows = await redisCall(() => client.lrange(key, 0, -1));
    if (rows.length === 0) return;
    const args = rows.flatMap((row) => {
      const { kind, data, at } = JSON.parse(row) as AuditEntry;
      return auditRowArgs({ kind, data, at, ...schema1AuditFields(kind, data) }, sessionId);
    });
    const outcome = await redisCall(() =>
      client.parleyMigrateAuditList(key, audit.rows, audit.id, audit.all, audit.byPrefix, sessionId, String(rows.length), ...args),
    );
    if (outcome === 'OK') return;
  }
}
