/**
 * The durable scale-out store on PostgreSQL. Tables live in their own schema (created or migrated at first use,
 * see postgres-migrations.ts); a write is one call of write_turn_v2 (one round trip, one transaction); `loadTurn`
 * is one query. Two pools: one for queries, one for the clients that hold advisory locks, so holders waiting on a
 * query can never starve the pool their own lock sits in.
 */
import { createHash } from 'node:crypto';
import { Pool, type PoolConfig } from 'pg';
import type { JsonValue } from '@parley/domain';
import { answerBeforeRelease } from './answer-before-release';
import { auditPageOf, checkAuditQuery } from './audit-query';
import { AUDIT_PURGE_BATCH, AuditRetention } from './audit-retention';
import { estimatedAuditPlan, needsAuditPlan } from './audit-plan';
import {
  AUDIT_COLUMNS,
  auditRecordOfColumns,
  auditSelect,
  auditWhere,
  type AuditColumns,
  type AuditPlan,
  type AuditSqlDialect,
} from './audit-sql';
import { KeyedQueue } from './keyed-queue';
import { lockedTurnOf } from './locked-turn';
import { postgresCall } from './postgres-call';
import { PostgresLock } from './postgres-lock';
import { migratePostgres, quoteSchema } from './postgres-migrations';
import { PostgresStatements, type SessionRow } from './postgres-statements';
import { SessionExpiry } from './session-expiry';
import { storeErrors } from './store-errors';
import type {
  AuditPage,
  AuditQuery,
  HistoryEntry,
  HistoryPage,
  LoadTurnOptions,
  SessionRecord,
  SessionStore,
  SessionStoreOptions,
  TurnCommit,
  TurnSnapshot,
  TurnWriter,
} from './session-store';

export interface PostgresSessionStoreOptions extends SessionStoreOptions {
  /** postgres://user[:password]@host:port/database */
  url: string;
  /** The schema holding the tables, created when missing. Default 'parley'. */
  schema?: string;
  /** Connections for queries. Default 10. */
  poolSize?: number;
  /** Connections that hold session locks: the most sessions this process can lock at once. Default 32. */
  lockPoolSize?: number;
  /** How long withLock waits for another holder before STORE_UNAVAILABLE. Default 30000. */
  lockWaitMs?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
}

type WriteMode = 'create' | 'commit' | 'reset';

export class PostgresSessionStore implements SessionStore {
  private readonly pool: Pool;
  private readonly lockPool: Pool;
  private readonly lock: PostgresLock;
  private readonly queue = new KeyedQueue();
  private readonly expiry: SessionExpiry;
  private readonly retention: AuditRetention;
  private readonly sql: PostgresStatements;
  private ready: Promise<void> | undefined;
  private readonly statementNames = new Map<string, string>();
  private readonly stopPurge: () => void;
  private readonly stopAuditPurge: () => void;

  constructor(options: PostgresSessionStoreOptions) {
    const schema = quoteSchema(options.schema ?? 'parley');
    this.expiry = new SessionExpiry(options.ttlSeconds);
    this.retention = new AuditRetention(options.auditRetentionSeconds);
    this.sql = new PostgresStatements(schema);
    const lockWaitMs = options.lockWaitMs ?? 30_000;
    const base: PoolConfig = {
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      keepAlive: true,
    };
    const queryTimeoutMs = options.queryTimeoutMs ?? 10_000;
    this.pool = new Pool({ ...base, max: options.poolSize ?? 10, query_timeout: queryTimeoutMs });
    // The server bounds the lock wait (lock_timeout); the client-side timeout only catches a server gone silent.
    this.lockPool = new Pool({
      ...base,
      max: options.lockPoolSize ?? 32,
      lock_timeout: lockWaitMs,
      query_timeout: lockWaitMs + queryTimeoutMs,
    });
    // Idle clients whose connection drops are removed by the pool; unheard, the 'error' would crash the process.
    this.pool.on('error', () => undefined);
    this.lockPool.on('error', () => undefined);
    this.lock = new PostgresLock(this.lockPool, `parley:${options.schema ?? 'parley'}`, lockWaitMs);
    this.stopPurge = this.expiry.schedule(() => this.purgeExpired());
    this.stopAuditPurge = this.retention.schedule(() => this.purgeAudit());
  }

  create(commit: TurnCommit): Promise<void> {
    return this.write('create', commit);
  }

  commit(commit: TurnCommit): Promise<void> {
    return this.write('commit', commit);
  }

  reset(commit: TurnCommit): Promise<void> {
    return this.write('reset', commit);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const rows = await this.query<SessionRow>(this.sql.session, [id, Date.now()]);
    return rows[0] && toRecord(rows[0]);
  }

  async loadTurn(id: string, options: { recentHistory: number; messageId?: string }): Promise<TurnSnapshot> {
    const recent = Math.max(0, options.recentHistory);
    const params = [id, Date.now(), recent, options.messageId ?? null];
    const [row] = await this.query<SessionRow & { recent: HistoryEntry[]; answer: string | null }>(this.sql.loadTurn, params);
    if (!row) return { session: undefined, recentHistory: [], idempotentResponse: undefined };
    return {
      session: toRecord(row),
      recentHistory: row.recent.map(toHistoryEntry),
      idempotentResponse: row.answer === null ? undefined : (JSON.parse(row.answer) as JsonValue),
    };
  }

  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    const params = [id, Date.now(), page.offset, Math.max(0, page.limit)];
    const [row] = await this.query<{ total: number; entries: HistoryEntry[] }>(this.sql.history, params);
    return row ? { entries: row.entries.map(toHistoryEntry), total: row.total } : { entries: [], total: 0 };
  }

  async recentHistory(id: string, limit: number): Promise<HistoryEntry[]> {
    return (await this.loadTurn(id, { recentHistory: limit })).recentHistory;
  }

  async queryAudit(query: AuditQuery): Promise<AuditPage> {
    const checked = checkAuditQuery(query, this.retention.cutoff());
    const table = `${this.sql.schema}.audit`;
    let plan: AuditPlan = {};
    if (needsAuditPlan(checked)) {
      const { where, values } = auditWhere(checked, POSTGRES_AUDIT_DIALECT);
      plan = estimatedAuditPlan(checked, await this.estimatedRows(`SELECT 1 FROM ${table} ${where}`, values));
    }
    // data as text, as the SQLite store selects it: auditRecordOfColumns decodes both alike.
    const columns = `${AUDIT_COLUMNS.replace(/, data$/, '')}, data::text AS data`;
    const { text, values } = auditSelect(table, columns, checked, POSTGRES_AUDIT_DIALECT, plan);
    // Unnamed: planned with the actual values each time, since how selective a filter is decides the best index.
    const rows = await this.query<AuditColumns>(text, values, { prepared: false });
    return auditPageOf(rows.map(auditRecordOfColumns), checked.limit);
  }

  /**
   * The planner's estimate of a query's rows, from its histograms: a count would visit the heap until the table is
   * vacuumed (no index-only scans before), which costs more than the query it is meant to steer.
   */
  private async estimatedRows(text: string, values: unknown[]): Promise<number> {
    const [row] = await this.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) ${text}`, values, {
      prepared: false,
    });
    return row?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? Number.POSITIVE_INFINITY;
  }

  async idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined> {
    const [row] = await this.query<{ response: string }>(this.sql.answer, [id, Date.now(), messageId]);
    return row && (JSON.parse(row.response) as JsonValue);
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.query<{ live: boolean }>(this.sql.deleteSession, [id, Date.now()]);
    return rows[0]?.live === true;
  }

  lockedTurn<T>(id: string, load: LoadTurnOptions, fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T> {
    return lockedTurnOf(this, id, load, fn);
  }

  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return answerBeforeRelease((body) => this.queue.run(id, () => this.lock.hold(id, body)), fn);
  }

  /** Also creates the schema when this store has not yet done so: call it at start-up to fail fast. */
  async ping(): Promise<void> {
    await this.query(this.sql.ping, []);
  }

  async close(): Promise<void> {
    this.stopPurge();
    this.stopAuditPurge();
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  /** Deletes expired sessions with their history and answers (not their audit); returns how many. */
  async purgeExpired(now: number = Date.now()): Promise<number> {
    return (await this.query<{ n: number }>(this.sql.purgeExpired, [now]))[0]?.n ?? 0;
  }

  /** Deletes the audit rows older than the retention, in batches (writers go between them); returns how many. */
  async purgeAudit(now: number = Date.now()): Promise<number> {
    const cutoff = this.retention.cutoff(now);
    if (cutoff === undefined) return 0;
    let purged = 0;
    for (;;) {
      const batch = await this.query<{ n: number }>(this.sql.purgeAudit, [new Date(cutoff).toISOString(), AUDIT_PURGE_BATCH]);
      const n = batch[0]?.n ?? 0;
      purged += n;
      if (n < AUDIT_PURGE_BATCH) return purged;
    }
  }

  private async write(mode: WriteMode, commit: TurnCommit): Promise<void> {
    const { session } = commit;
    const plain = JSON.stringify({
      id: session.id,
      state: session.state,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      version: session.version,
      messageId: commit.idempotency?.messageId,
      expiresAt: this.expiry.deadline(),
      fileChanged: commit.fileChanged === true,
      history: commit.history.map(({ sender, type, text, at }) => ({ sender, type, text: withoutNul(text), at })),
      audit: commit.audit.map(({ kind, at, state, intent, score, fallbackReason }) => ({ kind, at, state, intent, score, fallbackReason })),
    });
    // The file travels only when it is written (a commit keeps the stored one unless the turn received a file).
    const file = mode !== 'commit' || commit.fileChanged === true ? jsonOrNull(session.file) : null;
    const params = [
      ...[mode, plain, JSON.stringify(session.variables), jsonOrNull(session.predictedIntent), jsonOrNull(session.message), file],
      JSON.stringify(commit.idempotency?.response ?? null),
      ...[commit.history.map((entry) => JSON.stringify(entry.content)), commit.audit.map((entry) => JSON.stringify(entry.data))],
      Date.now(),
    ];
    const [row] = await this.query<{ outcome: string }>(this.sql.writeTurn, params);
    const outcome = row?.outcome;
    if (outcome === 'EXISTS') throw storeErrors.exists(session.id);
    if (outcome === 'NOT_FOUND') throw storeErrors.notFound(session.id);
    if (outcome === 'CONFLICT') throw storeErrors.versionConflict(session.id, session.version);
    if (outcome === 'ANSWERED') throw storeErrors.answered(session.id, commit.idempotency?.messageId ?? '');
  }

  /**
   * Runs a statement of PostgresStatements as a named prepared statement, parsed and planned once per connection;
   * with `prepared: false`, as a one-off statement planned for its values.
   */
  private async query<Row>(text: string, values: unknown[], options: { prepared: boolean } = { prepared: true }): Promise<Row[]> {
    await this.ensureSchema();
    let name = options.prepared ? this.statementNames.get(text) : undefined;
    if (name === undefined && options.prepared) {
      name = `parley_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.statementNames.set(text, name);
    }
    const config = name === undefined ? { text, values } : { name, text, values };
    return postgresCall(async () => (await this.pool.query(config)).rows as Row[]);
  }

  /** Creates or migrates the schema once per store; after a failure (server down) the next call tries again. */
  private ensureSchema(): Promise<void> {
    this.ready ??= postgresCall(async () => {
      const client = await this.pool.connect();
      try {
        await migratePostgres(client, this.sql.schema);
        client.release();
      } catch (error) {
        client.release(true);
        throw error;
      }
    }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

/**
 * `at` is timestamptz, compared with ISO strings. PostgreSQL has real statistics (extended ones for the filter
 * columns that go together, postgres-schema-2.ts) and intersects indexes, so its own estimate of a query's rows
 * decides the plan (audit-plan.ts). It has no index hints: an order no index provides (adding an interval, which it
 * does not fold) frees it to start from any filter's index, and `score + 0` hides the score index. The page's ids
 * come first, from index-only scans of covering indexes, then their rows.
 */
const POSTGRES_AUDIT_DIALECT: AuditSqlDialect = {
  placeholder: (n) => `$${n}`,
  time: (ms) => new Date(ms).toISOString(),
  startFrom: () => '',
  unindexedOrder: "at + interval '0 seconds' DESC, id + 0 DESC",
  hiddenScore: '(score + 0)',
  idsFirst: true,
};

function toRecord(row: SessionRow): SessionRecord {
  const record: SessionRecord = {
    id: row.id,
    state: row.state,
    variables: row.variables,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: Number(row.version),
  };
  if (row.predicted_intent !== null) record.predictedIntent = row.predicted_intent;
  if (row.message !== null) record.message = row.message;
  if (row.file !== null) record.file = row.file;
  return record;
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** History rows come back inside json_agg, so their timestamps are strings in PostgreSQL's own format. */
function toHistoryEntry(entry: HistoryEntry): HistoryEntry {
  return { ...entry, at: new Date(entry.at).toISOString() };
}

/** PostgreSQL text cannot hold U+0000; the plain-text rendering gets U+FFFD instead (content keeps it exactly). */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}
