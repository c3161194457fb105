/**
 * The SQLite store's prepared statements, on the tables of the latest schema (sqlite-migrations.ts). A session
 * row carries its history count, so a commit numbers new rows and a page learns its total without counting.
 */
import type Database from 'better-sqlite3';

export interface SessionHeadRow {
  id: string;
  version: number;
  history_count: number;
  expires_at: number | null;
}

export interface SessionRow extends SessionHeadRow {
  state: string;
  variables: string;
  created_at: string;
  updated_at: string;
  /** JSON, NULL when none. */
  predicted_intent: string | null;
  message: string | null;
  file: string | null;
}

export interface HistoryRow {
  seq: number;
  sender: 0 | 1;
  type: string;
  text: string;
  content: string;
  at: string;
}

type Statement<Row = never> = Database.Statement<unknown[], Row>;

export interface SqliteStatements {
  session: Statement<SessionRow>;
  sessionHead: Statement<SessionHeadRow>;
  insertSession: Statement;
  updateSession: Statement;
  updateSessionAndFile: Statement;
  deleteSession: Statement;
  purgeExpired: Statement;
  insertHistory: Statement;
  historyRange: Statement<HistoryRow>;
  insertAudit: Statement;
  purgeAudit: Statement;
  insertAnswer: Statement;
  answer: Statement<{ response: string }>;
}

const SESSION_FIELDS = `state = @state, variables = @variables, created_at = @created_at, updated_at = @updated_at,
  version = @version, history_count = @history_count, expires_at = @expires_at, predicted_intent = @predicted_intent,
  message = @message`;

/** Prepares every statement the store runs, once. */
export function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  const prepare = <Row>(sql: string): Statement<Row> => db.prepare(sql);
  return {
    session: prepare<SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    sessionHead: prepare<SessionHeadRow>('SELECT id, version, history_count, expires_at FROM sessions WHERE id = ?'),
    insertSession: prepare<never>(
      `INSERT INTO sessions (id, state, variables, created_at, updated_at, version, history_count, expires_at,
         predicted_intent, message, file)
       VALUES (@id, @state, @variables, @created_at, @updated_at, @version, @history_count, @expires_at,
         @predicted_intent, @message, @file)`,
    ),
    updateSession: prepare<never>(`UPDATE sessions SET ${SESSION_FIELDS} WHERE id = @id`),
    updateSessionAndFile: prepare<never>(`UPDATE sessions SET ${SESSION_FIELDS}, file = @file WHERE id = @id`),
    deleteSession: prepare<never>('DELETE FROM sessions WHERE id = ?'),
    purgeExpired: prepare<never>('DELETE FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    insertHistory: prepare<never>('INSERT INTO history (session_id, seq, sender, type, text, content, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    historyRange: prepare<HistoryRow>(
      'SELECT seq, sender, type, text, content, at FROM history WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
    ),
    insertAudit: prepare<never>(
      `INSERT INTO audit (session_id, kind, at, state, intent, score, fallback_reason, data)
       VALUES (@session_id, @kind, @at, @state, @intent, @score, @fallback_reason, @data)`,
    ),
    purgeAudit: prepare<never>('DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ? LIMIT ?)'),
    insertAnswer: prepare<never>('INSERT INTO idempotency (session_id, message_id, response) VALUES (?, ?, ?)'),
    answer: prepare<{ response: string }>('SELECT response FROM idempotency WHERE session_id = ? AND message_id = ?'),
  };
}
