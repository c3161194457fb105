/**
 * The Redis store's audit, apart from the sessions (no hash tag, no TTL): `<prefix>audit:rows` (a hash id → row
 * JSON), `<prefix>audit:id` (the id counter), and sorted-set indexes of members `<time>:<id>:<score>`:
 * `<prefix>audit:all` and `<prefix>audit:by:<field>:<value>` for each equality filter (sessionId, kind, intent,
 * state, fallbackReason). A query walks the smallest index of its filters within the time range, newest first,
 * and checks the others by membership (redis-audit-scripts.ts). Because a turn's write touches these keys and the
 * session's, the store needs one Redis server (or a primary with replicas), not a Redis Cluster.
 */
import { auditPageOf, auditRecordOf, checkAuditQuery, type CheckedAuditQuery } from './audit-query';
import { AuditRetention } from './audit-retention';
import { redisCall, type RedisClient } from './redis-client';
import type { AuditEntry, AuditPage, AuditQuery, AuditRecord } from './session-store';

/** Index members one script call looks at, at most: a filter that matches little takes several short calls. */
const SCAN_BUDGET = 5_000;
const PURGE_BATCH = 1_000;
/** Shifts times so that any date since the year −1200 is a non-negative number of 16 digits. */
const TIME_OFFSET = 1e14;

export interface RedisAuditKeys {
  rows: string;
  id: string;
  all: string;
  /** Prefix of the per-filter indexes: `${byPrefix}${field}:${value}`. */
  byPrefix: string;
}

function redisAuditKeys(prefix: string): RedisAuditKeys {
  return { rows: `${prefix}audit:rows`, id: `${prefix}audit:id`, all: `${prefix}audit:all`, byPrefix: `${prefix}audit:by:` };
}

/** An entry as the scripts append it (AUDIT_ROW_ARGS values): time, kind, state, intent, reason, score, JSON. */
export function auditRowArgs(entry: AuditEntry, sessionId: string): string[] {
  const { kind, state, intent, score, fallbackReason, data } = entry;
  const at = new Date(Date.parse(entry.at)).toISOString();
  const json = JSON.stringify({ sessionId, kind, at, state, intent, score, fallbackReason, data });
  return [lexTime(Date.parse(at)), kind, state ?? '', intent ?? '', fallbackReason ?? '', score === undefined ? '' : String(score), json];
}

export class RedisAudit {
  readonly keys: RedisAuditKeys;

  constructor(
    private readonly client: RedisClient,
    prefix: string,
    private readonly retention: AuditRetention,
  ) {
    this.keys = redisAuditKeys(prefix);
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const checked = checkAuditQuery(query, this.retention.cutoff());
    const indexes = Object.entries(checked.equal).map(([field, value]) => `${this.keys.byPrefix}${field}:${value}`);
    const lower = checked.fromMs === undefined ? '-' : `[${lexTime(checked.fromMs)}`;
    const scores = [checked.minScore, checked.maxScore].map((bound) => (bound === undefined ? '' : String(bound)));
    const rows: AuditRecord[] = [];
    let upper = upperBound(checked);
    while (rows.length <= checked.limit) {
      const wanted = String(checked.limit + 1 - rows.length);
      const keys = [this.keys.rows, ...(indexes.length > 0 ? indexes : [this.keys.all])];
      const [found, next] = await redisCall(() =>
        this.client.parleyQueryAudit(keys.length, ...keys, upper, lower, wanted, String(SCAN_BUDGET), ...scores),
      );
      rows.push(...found.map((row) => recordOf(row)));
      if (next === '') break;
      upper = next;
    }
    return auditPageOf(rows, checked.limit);
  }

  /** Deletes the rows older than the retention, a batch per script; returns how many. */
  async purge(now: number = Date.now()): Promise<number> {
    const cutoff = this.retention.cutoff(now);
    if (cutoff === undefined) return 0;
    let purged = 0;
    for (;;) {
      const n = await redisCall(() =>
        this.client.parleyPurgeAudit(this.keys.rows, this.keys.all, this.keys.byPrefix, `(${lexTime(cutoff)}`, String(PURGE_BATCH)),
      );
      purged += n;
      if (n < PURGE_BATCH) return purged;
    }
  }
}

function lexTime(ms: number): string {
  return String(ms + TIME_OFFSET).padStart(16, '0');
}

/** The exclusive upper bound: the cursor's row or the end of the time range, whichever comes first. */
function upperBound(query: CheckedAuditQuery): string {
  const bounds: string[] = [];
  if (query.toMs !== undefined) bounds.push(`(${lexTime(query.toMs)}`);
  if (query.before !== undefined) bounds.push(`(${lexTime(query.before.atMs)}:${String(query.before.id).padStart(16, '0')}`);
  return bounds.length === 0 ? '+' : (bounds.sort()[0] as string);
}

function recordOf(json: string): AuditRecord {
  const row = JSON.parse(json) as AuditEntry & { id: number; sessionId: string };
  return auditRecordOf(row, row.id, row.sessionId);
}
