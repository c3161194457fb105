/**
 * The SQLite store's schema versions and the steps between them. The version lives in the file's `user_version`
 * (schema 1 never set it: 0 with a `sessions` table means 1). Opening a file brings it to the latest version in
 * one IMMEDIATE transaction, so two processes opening one file at once take turns and the second finds it done;
 * a file from a newer Parley is refused rather than misread.
 */
import type Database from 'better-sqlite3';
import type { JsonObject } from '@parley/domain';
import { schema1AuditFields } from './schema1-audit-fields';
import { storeErrors } from './store-errors';

/** Schema 1, verbatim: what every SQLite file written before schema versions holds. */
const SCHEMA_1 = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  variables TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  history_count INTEGER NOT NULL,
  audit_count INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS history (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  sender INTEGER NOT NULL,
  type TEXT NOT NULL,
  text TEXT NOT NULL,
  content TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  response TEXT NOT NULL,
  PRIMARY KEY (session_id, message_id)
) WITHOUT ROWID;
`;

/**
 * Schema 2: the session keeps its last prediction, message and file (JSON, NULL when none); the audit leaves the
 * sessions' lifetime (no foreign key, its own id in write order, `at` as epoch ms) and gains the columns a query
 * filters on. Each filter has an index that starts with it, then serves the page's order (at, id), then carries the
 * other filter columns: SQLite cannot intersect two indexes, so a query with several filters walks one index and
 * checks the others inside it, never visiting a row that fails them (a fifth of the time for a rare combination).
 * The score's index serves a narrow score range. Schema-1 rows keep their order: they are copied by (at, session,
 * seq).
 */
const SCHEMA_2 = `
ALTER TABLE sessions ADD COLUMN predicted_intent TEXT;
ALTER TABLE sessions ADD COLUMN message TEXT;
ALTER TABLE sessions ADD COLUMN file TEXT;
ALTER TABLE sessions DROP COLUMN audit_count;
CREATE TABLE audit_v2 (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  state TEXT,
  intent TEXT,
  score REAL,
  fallback_reason TEXT,
  data TEXT NOT NULL
);
INSERT INTO audit_v2 (session_id, kind, at, state, intent, score, fallback_reason, data)
  SELECT session_id, kind, parley_epoch_ms(at), json_extract(fields, '$.state'), json_extract(fields, '$.intent'),
    json_extract(fields, '$.score'), json_extract(fields, '$.fallbackReason'), data
  FROM (SELECT *, parley_schema1_audit_fields(kind, data) AS fields FROM audit)
  ORDER BY at, session_id, seq;
DROP TABLE audit;
ALTER TABLE audit_v2 RENAME TO audit;
CREATE INDEX audit_at ON audit (at, id, kind, state, intent, fallback_reason, score);
CREATE INDEX audit_session ON audit (session_id, at, id);
CREATE INDEX audit_kind ON audit (kind, at, id, state, intent, fallback_reason, score);
CREATE INDEX audit_intent ON audit (intent, at, id, kind, state, fallback_reason, score) WHERE intent IS NOT NULL;
CREATE INDEX audit_state ON audit (state, at, id, kind, intent, fallback_reason, score) WHERE state IS NOT NULL;
CREATE INDEX audit_fallback_reason ON audit (fallback_reason, at, id, kind, state, intent, score) WHERE fallback_reason IS NOT NULL;
CREATE INDEX audit_score ON audit (score, at, id, kind, state, intent, fallback_reason) WHERE score IS NOT NULL;
`;

/** Step n brings a file at version n to version n + 1. */
const STEPS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => db.exec(SCHEMA_1),
  (db) => {
    // The copy calls JavaScript so that every adapter reads schema-1 audit rows by the same rules.
    db.function('parley_epoch_ms', { deterministic: true }, (at: unknown) => Date.parse(String(at)));
    db.function('parley_schema1_audit_fields', { deterministic: true }, (kind: unknown, data: unknown) =>
      JSON.stringify(schema1AuditFields(String(kind), JSON.parse(String(data)) as JsonObject)),
    );
    db.exec(SCHEMA_2);
  },
];

const SQLITE_SCHEMA_VERSION = STEPS.length;

/** Brings the file to SQLITE_SCHEMA_VERSION; returns the version it found. */
export function migrateSqlite(db: Database.Database): number {
  const found = storedVersion(db);
  if (found === SQLITE_SCHEMA_VERSION) return found;
  const migrate = db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const version = storedVersion(db);
    if (version > SQLITE_SCHEMA_VERSION) throw storeErrors.schemaTooNew('SQLite', version, SQLITE_SCHEMA_VERSION);
    for (const step of STEPS.slice(version)) step(db);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  });
  migrate.immediate();
  return found;
}

function storedVersion(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0) return version;
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get() === undefined ? 0 : 1;
}
