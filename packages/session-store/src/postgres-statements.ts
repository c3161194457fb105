/**
 * The SQL the PostgreSQL store runs, for one schema. Every read takes `$2` = now (epoch ms) and sees a session
 * only while it has not expired, so an expired session is gone for readers before the purge reclaims it.
 */
import type { FileData, IntentClassifierPrediction, JsonObject } from '@parley/domain';

export interface SessionRow {
  id: string;
  state: string;
  variables: JsonObject;
  created_at: Date;
  updated_at: Date;
  /** bigint, which pg hands over as a string. */
  version: string;
  /** json columns, decoded by pg; null when none. */
  predicted_intent: IntentClassifierPrediction | null;
  message: string | null;
  file: FileData | null;
}

const LIVE = '(s.expires_at IS NULL OR s.expires_at > $2)';
const SESSION_COLUMNS = 's.id, s.state, s.variables, s.created_at, s.updated_at, s.version, s.predicted_intent, s.message, s.file';

export class PostgresStatements {
  readonly session: string;
  readonly loadTurn: string;
  readonly history: string;
  readonly answer: string;
  readonly deleteSession: string;
  readonly purgeExpired: string;
  readonly purgeAudit: string;
  readonly writeTurn: string;
  readonly ping = 'SELECT 1';

  /** `schema` is already quoted. */
  constructor(readonly schema: string) {
    this.session = `SELECT ${SESSION_COLUMNS} FROM ${schema}.sessions s WHERE s.id = $1 AND ${LIVE}`;
    // $3 = how many recent rows, $4 = messageId or null. The answer comes as text: SQL NULL (none) and JSON
    // null (a stored null answer) must stay apart.
    this.loadTurn = `SELECT ${SESSION_COLUMNS},
        (${historyJson(schema, 'h.seq > s.history_count - $3')}) AS recent,
        (SELECT i.response::text FROM ${schema}.idempotency i WHERE i.session_id = s.id AND i.message_id = $4) AS answer
      FROM ${schema}.sessions s WHERE s.id = $1 AND ${LIVE}`;
    // $3 = offset, $4 = limit.
    this.history = `SELECT s.history_count AS total, (${historyJson(schema, 'h.seq > $3 AND h.seq <= $3 + $4')}) AS entries
      FROM ${schema}.sessions s WHERE s.id = $1 AND ${LIVE}`;
    this.answer = `SELECT i.response::text AS response FROM ${schema}.idempotency i
      JOIN ${schema}.sessions s ON s.id = i.session_id WHERE i.session_id = $1 AND ${LIVE} AND i.message_id = $3`;
    this.deleteSession = `DELETE FROM ${schema}.sessions s WHERE s.id = $1 RETURNING ${LIVE} AS live`;
    this.purgeExpired = `WITH gone AS (DELETE FROM ${schema}.sessions WHERE expires_at <= $1 RETURNING 1)
      SELECT count(*)::int AS n FROM gone`;
    // $1 = cut-off (ISO), $2 = batch size.
    this.purgeAudit = `WITH gone AS (DELETE FROM ${schema}.audit WHERE id IN (
        SELECT id FROM ${schema}.audit WHERE at < $1 LIMIT $2) RETURNING 1)
      SELECT count(*)::int AS n FROM gone`;
    this.writeTurn = `SELECT ${schema}.write_turn_v2($1, $2::json, $3::json, $4::json, $5::json, $6::json, $7::json,
      $8::json[], $9::json[], $10) AS outcome`;
  }
}

/** The session's history rows matching `where`, oldest first, as one JSON array. */
function historyJson(schema: string, where: string): string {
  return `SELECT coalesce(json_agg(json_build_object('seq', h.seq, 'sender', h.sender, 'type', h.type, 'text', h.text,
      'content', h.content, 'at', h.at) ORDER BY h.seq), '[]'::json)
    FROM ${schema}.history h WHERE h.session_id = s.id AND ${where}`;
}
