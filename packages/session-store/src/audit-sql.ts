/**
 * The SELECT of an audit page on the SQL stores: the filters given, the cursor as a range on `at` (which every
 * audit index ends with) plus a tie-break on `id`, newest first, one row more than the page to learn whether
 * another page follows. Only the placeholders and the type of `at` differ between SQLite and PostgreSQL.
 */
import { auditRecordOf, type AuditEqualityFilter, type CheckedAuditQuery } from './audit-query';
import type { AuditKind, AuditRecord } from './session-store';

/** An audit row as both SQL stores select it (AUDIT_COLUMNS); `data` as JSON text. */
export interface AuditColumns {
  id: number | string;
  session_id: string;
  kind: AuditKind;
  /** Epoch ms (SQLite) or a Date (PostgreSQL). */
  at: number | Date;
  state: string | null;
  intent: string | null;
  score: number | null;
  fallback_reason: string | null;
  data: string;
}

export const AUDIT_COLUMNS = 'id, session_id, kind, at, state, intent, score, fallback_reason, data';

export function auditRecordOfColumns(row: AuditColumns): AuditRecord {
  const entry = {
    kind: row.kind,
    at: new Date(row.at).toISOString(),
    data: JSON.parse(row.data),
    ...(row.state === null ? {} : { state: row.state }),
    ...(row.intent === null ? {} : { intent: row.intent }),
    ...(row.score === null ? {} : { score: row.score }),
    ...(row.fallback_reason === null ? {} : { fallbackReason: row.fallback_reason }),
  };
  return auditRecordOf(entry, Number(row.id), row.session_id);
}

export interface AuditSqlDialect {
  /** The n-th (1-based) parameter's placeholder. */
  placeholder(n: number): string;
  /** A time (epoch ms) as the `at` column compares with it. */
  time(ms: number): unknown;
}

const COLUMN: Record<AuditEqualityFilter, string> = {
  sessionId: 'session_id',
  kind: 'kind',
  intent: 'intent',
  state: 'state',
  fallbackReason: 'fallback_reason',
};

export function auditSelect(
  table: string,
  columns: string,
  query: CheckedAuditQuery,
  dialect: AuditSqlDialect,
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return dialect.placeholder(values.length);
  };
  const where: string[] = [];
  for (const [field, value] of Object.entries(query.equal) as Array<[AuditEqualityFilter, string]>) {
    where.push(`${COLUMN[field]} = ${param(value)}`);
  }
  if (query.minScore !== undefined) where.push(`score >= ${param(query.minScore)}`);
  if (query.maxScore !== undefined) where.push(`score <= ${param(query.maxScore)}`);
  if (query.fromMs !== undefined) where.push(`at >= ${param(dialect.time(query.fromMs))}`);
  if (query.toMs !== undefined) where.push(`at < ${param(dialect.time(query.toMs))}`);
  if (query.before !== undefined) {
    const at = dialect.time(query.before.atMs);
    where.push(`at <= ${param(at)}`, `(at < ${param(at)} OR id < ${param(query.before.id)})`);
  }
  const filter = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  return { text: `SELECT ${columns} FROM ${table} ${filter} ORDER BY at DESC, id DESC LIMIT ${param(query.limit + 1)}`, values };
}
