/**
 * The PostgreSQL store's schema 1, verbatim (what every schema written before schema versions holds, and the
 * first step of a new one; postgres-migrations.ts takes it further): four tables and one PL/pgSQL function that
 * writes a whole turn, so a commit is one round trip and one transaction. Values stay `json` (not jsonb) so they
 * come back exactly as written, \u0000 included; rows cascade from their session.
 */
/** Schema 1's DDL for schema `s` (already quoted); safe to run again. */
export function postgresSchema1Sql(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.sessions (
  id text PRIMARY KEY,
  state text NOT NULL,
  variables json NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version bigint NOT NULL,
  history_count integer NOT NULL,
  audit_count integer NOT NULL,
  expires_at bigint
);
CREATE INDEX IF NOT EXISTS sessions_expires_at ON ${s}.sessions (expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${s}.history (
  session_id text NOT NULL REFERENCES ${s}.sessions (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  sender smallint NOT NULL,
  type text NOT NULL,
  text text NOT NULL,
  content json NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS ${s}.audit (
  session_id text NOT NULL REFERENCES ${s}.sessions (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  kind text NOT NULL,
  data json NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE TABLE IF NOT EXISTS ${s}.idempotency (
  session_id text NOT NULL REFERENCES ${s}.sessions (id) ON DELETE CASCADE,
  message_id text NOT NULL,
  response json NOT NULL,
  PRIMARY KEY (session_id, message_id)
);
${writeTurnFunction(s)}`;
}

/**
 * write_turn_v1(mode, p, p_variables, p_response, p_contents, p_data, now_ms) → OK | EXISTS | NOT_FOUND | CONFLICT |
 * ANSWERED; nothing is written unless OK. `p` holds the plain fields (session id, state, timestamps, version,
 * messageId, expiresAt, and per history/audit row its scalar fields); the JSON values travel apart, as `json`
 * and `json[]` parameters that are stored without ever being decoded, because PostgreSQL's JSON operators
 * refuse a document holding \u0000 anywhere. The session row is locked (FOR UPDATE) first, so racing commits of
 * one version serialise and all but one see CONFLICT; racing creates meet in ON CONFLICT DO NOTHING.
 */
function writeTurnFunction(s: string): string {
  return `
CREATE OR REPLACE FUNCTION ${s}.write_turn_v1(mode text, p json, p_variables json, p_response json,
  p_contents json[], p_data json[], now_ms bigint) RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
  sid text := p->>'id';
  cur ${s}.sessions%ROWTYPE;
  next_version bigint;
  history_base integer := 0;
  audit_base integer := 0;
BEGIN
  SELECT * INTO cur FROM ${s}.sessions WHERE id = sid FOR UPDATE;
  IF cur.id IS NOT NULL AND cur.expires_at IS NOT NULL AND cur.expires_at <= now_ms THEN
    DELETE FROM ${s}.sessions WHERE id = sid;
    cur.id := NULL;
  END IF;
  IF mode = 'create' THEN
    IF cur.id IS NOT NULL THEN RETURN 'EXISTS'; END IF;
  ELSIF cur.id IS NULL THEN
    RETURN 'NOT_FOUND';
  ELSIF mode = 'commit' AND cur.version <> (p->>'version')::bigint THEN
    RETURN 'CONFLICT';
  END IF;
  IF cur.id IS NOT NULL AND p->>'messageId' IS NOT NULL AND EXISTS (
    SELECT 1 FROM ${s}.idempotency WHERE session_id = sid AND message_id = p->>'messageId'
  ) THEN
    RETURN 'ANSWERED';
  END IF;
  next_version := CASE WHEN mode = 'reset' THEN cur.version + 1 ELSE (p->>'version')::bigint + 1 END;
  IF cur.id IS NULL THEN
    INSERT INTO ${s}.sessions VALUES (sid, p->>'state', p_variables, (p->>'createdAt')::timestamptz,
      (p->>'updatedAt')::timestamptz, next_version, json_array_length(p->'history'), json_array_length(p->'audit'),
      (p->>'expiresAt')::bigint)
    ON CONFLICT (id) DO NOTHING;
    IF NOT FOUND THEN RETURN 'EXISTS'; END IF;
  ELSE
    history_base := cur.history_count;
    audit_base := cur.audit_count;
    UPDATE ${s}.sessions SET state = p->>'state', variables = p_variables,
      created_at = (p->>'createdAt')::timestamptz, updated_at = (p->>'updatedAt')::timestamptz,
      version = next_version, history_count = history_base + json_array_length(p->'history'),
      audit_count = audit_base + json_array_length(p->'audit'), expires_at = (p->>'expiresAt')::bigint
    WHERE id = sid;
  END IF;
  INSERT INTO ${s}.history (session_id, seq, sender, type, text, content, at)
    SELECT sid, history_base + e.n, (e.v->>'sender')::smallint, e.v->>'type', e.v->>'text', p_contents[e.n],
      (e.v->>'at')::timestamptz
    FROM json_array_elements(p->'history') WITH ORDINALITY AS e(v, n);
  INSERT INTO ${s}.audit (session_id, seq, kind, data, at)
    SELECT sid, audit_base + e.n, e.v->>'kind', p_data[e.n], (e.v->>'at')::timestamptz
    FROM json_array_elements(p->'audit') WITH ORDINALITY AS e(v, n);
  IF p->>'messageId' IS NOT NULL THEN
    INSERT INTO ${s}.idempotency (session_id, message_id, response) VALUES (sid, p->>'messageId', p_response);
  END IF;
  RETURN 'OK';
END
$fn$;`;
}
