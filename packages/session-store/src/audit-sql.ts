/**
 * The SELECT of an audit page on the SQL stores: the filters given, the cursor as a range on `at` (which every
 * audit index ends with) plus a tie-break on `id`, newest first, one row more than the page to learn whether
 * another page follows; started from the index an AuditPlan names (audit-plan.ts). Only placeholders, the type of
 * `at` and how to steer the planner differ between SQLite and PostgreSQL.
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

/** A filter that has an index of its own. */
export type AuditIndexedFilter = AuditEqualityFilter | 'score';

/** How a query is to run (audit-plan.ts); empty: the planner's choice. */
export interface AuditPlan {
  /** Start from this filter's index (SQLite): it holds few rows, a probe counted them. */
  start?: AuditIndexedFilter;
  /** Read every match and sort them (PostgreSQL): they are few, so the planner may start from any filter's index. */
  sortMatches?: boolean;
  /** Keep the score index out: the score range holds many rows, so walking newest first meets matches sooner. */
  hideScore?: boolean;
}

export interface AuditSqlDialect {
  /** The n-th (1-based) parameter's placeholder. */
  placeholder(n: number): string;
  /** A time (epoch ms) as the `at` column compares with it. */
  time(ms: number): unknown;
  /** What follows the table's name so that a query starts from `filter`'s index. */
  startFrom(filter: AuditIndexedFilter): string;
  /** The page's order written so that no index provides it. */
  unindexedOrder: string;
  /** The score column written so that no index serves a comparison with it. */
  hiddenScore: string;
  /**
   * Find the page's ids first, then read their rows (PostgreSQL): the ids come from index-only scans of covering
   * indexes, so rows that fail a filter are never read; SQLite does as much by itself (a deferred seek).
   */
  idsFirst: boolean;
}

export const AUDIT_COLUMN: Record<AuditIndexedFilter, string> = {
  sessionId: 'session_id',
  kind: 'kind',
  intent: 'intent',
  state: 'state',
  fallbackReason: 'fallback_reason',
  score: 'score',
};

export function auditSelect(
  table: string,
  columns: string,
  query: CheckedAuditQuery,
  dialect: AuditSqlDialect,
  plan: AuditPlan = {},
): { text: string; values: unknown[] } {
  const { where, values } = auditWhere(query, dialect, plan);
  const from = plan.start === undefined ? table : `${table} ${dialect.startFrom(plan.start)}`;
  const order = plan.sortMatches ? dialect.unindexedOrder : 'at DESC, id DESC';
  const limit = dialect.placeholder(values.push(query.limit + 1));
  if (!dialect.idsFirst) return { text: `SELECT ${columns} FROM ${from} ${where} ORDER BY ${order} LIMIT ${limit}`, values };
  const page = `SELECT id FROM ${from} ${where} ORDER BY ${order} LIMIT ${limit}`;
  return { text: `SELECT ${columns} FROM ${table} JOIN (${page}) AS page USING (id) ORDER BY at DESC, id DESC`, values };
}

/** The WHERE clause of every filter, the time range and the cursor (empty without any). */
export function auditWhere(query: CheckedAuditQuery, dialect: AuditSqlDialect, plan: AuditPlan = {}): { where: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown): string => dialect.placeholder(values.push(value));
  const where: string[] = [];
  for (const [field, value] of Object.entries(query.equal) as Array<[AuditEqualityFilter, string]>) {
    where.push(`${AUDIT_COLUMN[field]} = ${param(value)}`);
  }
  const score = plan.hideScore ? dialect.hiddenScore : 'score';
  if (query.minScore !== undefined) where.push(`${score} >= ${param(query.minScore)}`);
  if (query.maxScore !== undefined) where.push(`${score} <= ${param(query.maxScore)}`);
  if (query.fromMs !== undefined) where.push(`at >= ${param(dialect.time(query.fromMs))}`);
  if (query.toMs !== undefined) where.push(`at < ${param(dialect.time(query.toMs))}`);
  if (query.before !== undefined) {
    const at = dialect.time(query.before.atMs);
    where.push(`at <= ${param(at)}`, `(at < ${param(at)} OR id < ${param(query.before.id)})`);
  }
  return { where: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`, values };
}

export function auditRecordOfColumns(row: AuditColumns): AuditRecord {
  const entry = {
    kind: row.kind,
    at: new Date(row.at).toISOString(),
    data: JSON.parse(row.data) as AuditRecord['data'],
    ...(row.state === null ? {} : { state: row.state }),
    ...(row.intent === null ? {} : { intent: row.intent }),
    ...(row.score === null ? {} : { score: row.score }),
    ...(row.fallback_reason === null ? {} : { fallbackReason: row.fallback_reason }),
  };
  return auditRecordOf(entry, Number(row.id), row.session_id);
}
