/**
 * The SQLite store's tables and prepared statements. A session row carries its history and audit counts, so a
 * commit numbers new rows and a page learns its total without counting.
 */
import type Database from 'better-sqlite3';

const TABLES = `
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

export interface SessionRow {
  id: string;
  state: string;
  variables: string;
  created_at: string;
  updated_at: string;
  version: number;
  history_count: number;
  audit_count: number;
  expires_at: number | null;
}

export interface HistoryRow {
  seq: number;
  sender: 0 | 1;
  type: string;
  text: string;
  content: string;
  at: string;
}

export interface AuditRow {
  kind: 'prediction' | 'transition' | 'session';
  data: string;
  at: string;
}

type Statement<Row = never> = Database.Statement<unknown[], Row>;

export interface SqliteStatements {
  session: Statement<SessionRow>;
  insertSession: Statement;
  updateSession: Statement;
  deleteSession: Statement;
  purgeExpired: Statement;
  insertHistory: Statement;
  historyRange: Statement<HistoryRow>;
  insertAudit: Statement;
  auditRange: Statement<AuditRow>;
  insertAnswer: Statement;
  answer: Statement<{ response: string }>;
}

/** Creates the tables when missing and prepares every statement the store runs, once. */
export function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  db.exec(TABLES);
  const prepare = <Row>(sql: string): Statement<Row> => db.prepare(sql);
  return {
    session: prepare<SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    insertSession: prepare<never>(
      `INSERT INTO sessions (id, state, variables, created_at, updated_at, version, history_count, audit_count, expires_at)
       VALUES (@id, @state, @variables, @created_at, @updated_at, @version, @history_count, @audit_count, @expires_at)`,
    ),
    updateSession: prepare<never>(
      `UPDATE sessions SET state = @state, variables = @variables, created_at = @created_at, updated_at = @updated_at,
         version = @version, history_count = @history_count, audit_count = @audit_count, expires_at = @expires_at
       WHERE id = @id`,
    ),
    deleteSession: prepare<never>('DELETE FROM sessions WHERE id = ?'),
    purgeExpired: prepare<never>('DELETE FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    insertHistory: prepare<never>('INSERT INTO history (session_id, seq, sender, type, text, content, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    historyRange: prepare<HistoryRow>(
      'SELECT seq, sender, type, text, content, at FROM history WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
    ),
    insertAudit: prepare<never>('INSERT INTO audit (session_id, seq, kind, data, at) VALUES (?, ?, ?, ?, ?)'),
    auditRange: prepare<AuditRow>('SELECT kind, data, at FROM audit WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq'),
    insertAnswer: prepare<never>('INSERT INTO idempotency (session_id, message_id, response) VALUES (?, ?, ?)'),
    answer: prepare<{ response: string }>('SELECT response FROM idempotency WHERE session_id = ? AND message_id = ?'),
  };
}
