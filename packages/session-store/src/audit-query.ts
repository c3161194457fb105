/**
 * The audit query every adapter runs, checked and normalised once: times as epoch milliseconds, the retention's
 * cut-off folded into the time range, and the cursor decoded. A cursor names the last row of a page (its `at` and
 * `id`); the next page holds the rows strictly after it in the order newest first.
 */
import { ParleyError } from '@parley/domain';
import type { AuditEntry, AuditKind, AuditPage, AuditQuery, AuditRecord } from './session-store';

/** Most rows one page may hold. */
export const MAX_AUDIT_PAGE = 1000;

export const AUDIT_KINDS: readonly AuditKind[] = ['prediction', 'transition', 'session'];

/** A position in the audit's order: rows strictly older than (atMs, id) come after it. */
export interface AuditPosition {
  atMs: number;
  id: number;
}

/** The equality filters, in the order adapters prefer them as an index (most selective first). */
const AUDIT_EQUALITY_FILTERS = ['sessionId', 'intent', 'state', 'fallbackReason', 'kind'] as const;
export type AuditEqualityFilter = (typeof AUDIT_EQUALITY_FILTERS)[number];

export interface CheckedAuditQuery {
  equal: Partial<Record<AuditEqualityFilter, string>>;
  minScore?: number;
  maxScore?: number;
  /** Inclusive, epoch ms; the retention's cut-off when that is later than the query's `from`. */
  fromMs?: number;
  /** Exclusive, epoch ms. */
  toMs?: number;
  before?: AuditPosition;
  limit: number;
}

/** Checks `query` (throws ParleyError INVALID_ARGUMENT naming the field); `visibleFromMs` is the retention's cut-off. */
export function checkAuditQuery(query: AuditQuery, visibleFromMs: number | undefined): CheckedAuditQuery {
  const { limit } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw invalid('limit', `limit must be an integer from 1 to ${MAX_AUDIT_PAGE}`);
  }
  const checked: CheckedAuditQuery = { equal: {}, limit };
  for (const field of AUDIT_EQUALITY_FILTERS) {
    const value: unknown = query[field];
    if (value === undefined) continue;
    // No NUL: PostgreSQL text cannot hold one (and no name written to the audit has one).
    if (typeof value !== 'string' || value === '' || value.includes('\u0000')) {
      throw invalid(field, `${field} must be a non-empty string without U+0000`);
    }
    if (field === 'kind' && !AUDIT_KINDS.includes(value as AuditKind)) {
      throw invalid(field, `kind must be one of ${AUDIT_KINDS.join(', ')}`);
    }
    checked.equal[field] = value;
  }
  if (query.minScore !== undefined) checked.minScore = score(query.minScore, 'minScore');
  if (query.maxScore !== undefined) checked.maxScore = score(query.maxScore, 'maxScore');
  if (checked.minScore !== undefined && checked.maxScore !== undefined && checked.minScore > checked.maxScore) {
    throw invalid('minScore', 'minScore must not be greater than maxScore');
  }
  const from = query.from === undefined ? undefined : auditTime(query.from, 'from');
  if (query.to !== undefined) checked.toMs = auditTime(query.to, 'to');
  const fromMs = from === undefined ? visibleFromMs : visibleFromMs === undefined ? from : Math.max(from, visibleFromMs);
  if (fromMs !== undefined) checked.fromMs = fromMs;
  if (query.cursor !== undefined) checked.before = decodeAuditCursor(query.cursor);
  return checked;
}

function encodeAuditCursor(row: Pick<AuditRecord, 'at' | 'id'>): string {
  return `${Date.parse(row.at)}.${row.id}`;
}

function decodeAuditCursor(cursor: unknown): AuditPosition {
  const match = typeof cursor === 'string' ? /^(-?\d{1,15})\.(\d{1,16})$/.exec(cursor) : null;
  const atMs = Number(match?.[1]);
  const id = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(id) || !Number.isSafeInteger(atMs)) {
    throw invalid('cursor', 'cursor must be the nextCursor of a previous page');
  }
  return { atMs, id };
}

/** The page of `rows`, fetched `limit + 1` at most in order: the extra row only says that another page exists. */
export function auditPageOf(rows: AuditRecord[], limit: number): AuditPage {
  if (rows.length <= limit) return { rows };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeAuditCursor(page[limit - 1] as AuditRecord) };
}

/**
 * The stored form of an entry, as every adapter returns it: `at` normalised to toISOString() (millisecond
 * precision) and the optional fields present only when set.
 */
export function auditRecordOf(entry: AuditEntry, id: number, sessionId: string): AuditRecord {
  const record: AuditRecord = { id, sessionId, kind: entry.kind, at: new Date(Date.parse(entry.at)).toISOString(), data: entry.data };
  if (typeof entry.state === 'string') record.state = entry.state;
  if (typeof entry.intent === 'string') record.intent = entry.intent;
  if (typeof entry.score === 'number') record.score = entry.score;
  if (typeof entry.fallbackReason === 'string') record.fallbackReason = entry.fallbackReason;
  return record;
}

/** Whether `row` passes every filter of `query` (the adapters without a query engine use it). */
export function auditRowMatches(row: AuditRecord, query: CheckedAuditQuery): boolean {
  for (const field of AUDIT_EQUALITY_FILTERS) {
    const wanted = query.equal[field];
    if (wanted !== undefined && row[field] !== wanted) return false;
  }
  if (query.minScore !== undefined && !(row.score !== undefined && row.score >= query.minScore)) return false;
  if (query.maxScore !== undefined && !(row.score !== undefined && row.score <= query.maxScore)) return false;
  const atMs = Date.parse(row.at);
  if (query.fromMs !== undefined && atMs < query.fromMs) return false;
  if (query.toMs !== undefined && atMs >= query.toMs) return false;
  return query.before === undefined || isBefore({ atMs, id: row.id }, query.before);
}

/** True when position `a` comes after `b` in the order newest first. */
export function isBefore(a: AuditPosition, b: AuditPosition): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.id < b.id);
}

function score(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, `${field} must be a finite number`);
  return value;
}

/** Epoch ms of an ISO-8601 date-time with a time zone; throws ParleyError INVALID_ARGUMENT naming `field`. */
export function auditTime(value: unknown, field: string): number {
  // A time zone is required: without one Date.parse would read the server's local time.
  const iso = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value);
  const ms = iso ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(field, `${field} must be an ISO-8601 date-time with a time zone, such as 2030-01-31T12:00:00Z`);
  return ms;
}

function invalid(field: string, message: string): ParleyError {
  return new ParleyError('INVALID_ARGUMENT', message, { field });
}
