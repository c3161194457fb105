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
  /** How a query starts from the score index: what follows the table's name, and the order to ask for. */
  byScore: { from: string; order: string };
}

/**
 * A score range matching fewer rows than this is searched through the score index and sorted, rather than by
 * walking the rows newest first until the page is full (see auditScoreProbe).
 */
export const SELECTIVE_SCORE_ROWS = 10_000;

const COLUMN: Record<AuditEqualityFilter, string> = {
  sessionId: 'session_id',
  kind: 'kind',
  intent: 'intent',
  state: 'state',
  fallbackReason: 'fallback_reason',
};

/**
 * Counts, up to SELECTIVE_SCORE_ROWS, the rows within the query's score bounds (an index-only count on the score
 * index). Planners estimate a conjunction as if its filters were independent, so for "NONE and score < 0.1" they
 * walk the rows newest first expecting a match soon, and may walk them all; a small count says to start from the
 * score index instead. Undefined when the query has no score bound.
 */
export function auditScoreProbe(
  table: string,
  query: CheckedAuditQuery,
  dialect: AuditSqlDialect,
): { text: string; values: unknown[] } | undefined {
  if (query.minScore === undefined && query.maxScore === undefined) return undefined;
  const values: unknown[] = [];
  const where = ['score IS NOT NULL'];
  if (query.minScore !== undefined) where.push(`score >= ${dialect.placeholder(values.push(query.minScore))}`);
  if (query.maxScore !== undefined) where.push(`score <= ${dialect.placeholder(values.push(query.maxScore))}`);
  const limit = dialect.placeholder(values.push(SELECTIVE_SCORE_ROWS));
  return { text: `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${where.join(' AND ')} LIMIT ${limit}) AS probe`, values };
}

/** `byScore`: start from the score index (dialect.byScore), when auditScoreProbe found the range selective. */
export function auditSelect(
  table: string,
  columns: string,
  query: CheckedAuditQuery,
  dialect: AuditSqlDialect,
  byScore = false,
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
  const from = byScore ? `${table} ${dialect.byScore.from}` : table;
  const order = byScore ? dialect.byScore.order : 'at DESC, id DESC';
  return { text: `SELECT ${columns} FROM ${from} ${filter} ORDER BY ${order} LIMIT ${param(query.limit + 1)}`, values };
}
