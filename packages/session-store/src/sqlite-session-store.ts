/**
 * The embedded default store: one SQLite file in WAL mode, durable (synchronous=FULL by default, so a committed
 * turn survives kill -9 and power loss), one IMMEDIATE transaction per write. The lock is in-process only: two
 * processes may share the file safely (the version check refuses lost updates) but are not serialised.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isParleyError, type JsonValue } from '@parley/domain';
import { auditPageOf, checkAuditQuery } from './audit-query';
import { AUDIT_PURGE_BATCH, AuditRetention } from './audit-retention';
import { auditProbes, countedAuditPlan, countProbeSql, sampleProbesSql } from './audit-plan';
import { AUDIT_COLUMNS, auditRecordOfColumns, auditSelect, type AuditColumns, type AuditSqlDialect } from './audit-sql';
import { KeyedQueue } from './keyed-queue';
import { lockedTurnOf } from './locked-turn';
import { isSessionConflictError } from './session-conflict-error';
import { SessionExpiry } from './session-expiry';
import { migrateSqlite } from './sqlite-migrations';
import { prepareSqliteStatements, type SessionHeadRow, type SessionRow, type SqliteStatements } from './sqlite-schema';
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

export interface SqliteSessionStoreOptions extends SessionStoreOptions {
  /** The database file; its directory is created when missing. */
  path: string;
  /** FULL (default) survives power loss; NORMAL survives a crashed process only, and commits faster. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process's transaction on the same file. */
  busyTimeoutMs?: number;
}

type WriteMode = 'create' | 'commit' | 'reset';

export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly sql: SqliteStatements;
  private readonly queue = new KeyedQueue();
  private readonly expiry: SessionExpiry;
  private readonly retention: AuditRetention;
  private readonly stopPurge: () => void;
  private readonly stopAuditPurge: () => void;
  private readonly stopOptimize: () => void;
  private readonly writeTurn: (mode: WriteMode, commit: TurnCommit) => void;
  /** Audit queries, prepared once per combination of filters. */
  private readonly auditStatements = new Map<string, Database.Statement>();

  constructor(options: SqliteSessionStoreOptions) {
    this.expiry = new SessionExpiry(options.ttlSeconds);
    this.retention = new AuditRetention(options.auditRetentionSeconds);
    this.db = guard(() => openDatabase(options));
    try {
      guard(() => migrateSqlite(this.db));
      this.sql = guard(() => prepareSqliteStatements(this.db));
    } catch (error) {
      this.db.close();
      throw error;
    }
    const writeTurn = this.db.transaction((mode: WriteMode, commit: TurnCommit) => this.write(mode, commit));
    this.writeTurn = (mode, commit) => writeTurn.immediate(mode, commit);
    this.stopPurge = this.expiry.schedule(() => this.purgeExpired());
    this.stopAuditPurge = this.retention.schedule(() => this.purgeAudit());
    this.stopOptimize = scheduleOptimize(this.db);
  }

  async create(commit: TurnCommit): Promise<void> {
    guard(() => this.writeTurn('create', commit));
  }

  async commit(commit: TurnCommit): Promise<void> {
    guard(() => this.writeTurn('commit', commit));
  }

  async reset(commit: TurnCommit): Promise<void> {
    guard(() => this.writeTurn('reset', commit));
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return guard(() => {
      const row = this.live(id);
      return row && toRecord(row);
    });
  }

  async loadTurn(id: string, options: { recentHistory: number; messageId?: string }): Promise<TurnSnapshot> {
    return guard(() => {
      const row = this.live(id);
      if (!row) return { session: undefined, recentHistory: [], idempotentResponse: undefined };
      const from = Math.max(0, row.history_count - Math.max(0, options.recentHistory));
      return {
        session: toRecord(row),
        recentHistory: this.historyRange(id, from, row.history_count),
        idempotentResponse: options.messageId === undefined ? undefined : this.answer(id, options.messageId),
      };
    });
  }

  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    return guard(() => {
      const total = this.liveHead(id)?.history_count ?? 0;
      const entries = total === 0 ? [] : this.historyRange(id, page.offset, page.offset + page.limit);
      return { entries, total };
    });
  }

  async recentHistory(id: string, limit: number): Promise<HistoryEntry[]> {
    return (await this.loadTurn(id, { recentHistory: limit })).recentHistory;
  }

  async queryAudit(query: AuditQuery): Promise<AuditPage> {
    const checked = checkAuditQuery(query, this.retention.cutoff());
    return guard(() => {
      const probes = auditProbes(checked, SQLITE_AUDIT_DIALECT);
      const plan = countedAuditPlan(checked, probes, {
        count: (probe, limit) => {
          const count = this.auditStatement<{ n: number }>(countProbeSql('audit', probe, SQLITE_AUDIT_DIALECT));
          return count.get(...probe.values, limit)?.n ?? 0;
        },
        sample: (sampled) => {
          const { text, values } = sampleProbesSql('audit', sampled, SQLITE_AUDIT_DIALECT);
          const row = this.auditStatement<Record<string, number | null>>(text).get(...values) ?? {};
          return sampled.map((_, index) => row[`n${index}`] ?? 0);
        },
      });
      const { text, values } = auditSelect('audit', AUDIT_COLUMNS, checked, SQLITE_AUDIT_DIALECT, plan);
      return auditPageOf(
        this.auditStatement<AuditColumns>(text)
          .all(...values)
          .map(auditRecordOfColumns),
        checked.limit,
      );
    });
  }

  /** Audit queries vary with their filters: each form is prepared once. */
  private auditStatement<Row>(text: string): Database.Statement<unknown[], Row> {
    let statement = this.auditStatements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      this.auditStatements.set(text, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }

  async idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined> {
    return guard(() => (this.liveHead(id) ? this.answer(id, messageId) : undefined));
  }

  async delete(id: string): Promise<boolean> {
    return guard(() => {
      const existed = this.liveHead(id) !== undefined;
      this.sql.deleteSession.run(id);
      return existed;
    });
  }

  lockedTurn<T>(id: string, load: LoadTurnOptions, fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T> {
    return lockedTurnOf(this, id, load, fn);
  }

  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.queue.run(id, fn);
  }

  async ping(): Promise<void> {
    guard(() => this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    this.stopPurge();
    this.stopAuditPurge();
    this.stopOptimize();
    if (this.db.open) this.db.close();
  }

  /** Deletes expired sessions with their history and answers (not their audit); returns how many. */
  purgeExpired(now: number = Date.now()): number {
    return guard(() => this.sql.purgeExpired.run(now).changes);
  }

  /** Deletes the audit rows older than the retention, in batches (writers go between them); returns how many. */
  purgeAudit(now: number = Date.now()): number {
    const cutoff = this.retention.cutoff(now);
    if (cutoff === undefined) return 0;
    return guard(() => {
      let purged = 0;
      for (;;) {
        const { changes } = this.sql.purgeAudit.run(cutoff, AUDIT_PURGE_BATCH);
        purged += changes;
        if (changes < AUDIT_PURGE_BATCH) return purged;
      }
    });
  }

  private live(id: string): SessionRow | undefined {
    const row = this.sql.session.get(id);
    return row && this.expiry.isLive(row.expires_at) ? row : undefined;
  }

  /** Like live() without the session's payload (variables, prediction, file): for checks and counts. */
  private liveHead(id: string): SessionHeadRow | undefined {
    const row = this.sql.sessionHead.get(id);
    return row && this.expiry.isLive(row.expires_at) ? row : undefined;
  }

  /** Runs inside the IMMEDIATE transaction: every check happens before the first change. */
  private write(mode: WriteMode, commit: TurnCommit): void {
    const { id } = commit.session;
    let row = this.sql.sessionHead.get(id);
    if (row && !this.expiry.isLive(row.expires_at)) {
      this.sql.deleteSession.run(id);
      row = undefined;
    }
    if (mode === 'create' && row) throw storeErrors.exists(id);
    if (mode !== 'create' && !row) throw storeErrors.notFound(id);
    if (mode === 'commit' && row?.version !== commit.session.version) {
      throw storeErrors.versionConflict(id, commit.session.version);
    }
    const messageId = commit.idempotency?.messageId;
    if (row && messageId !== undefined && this.sql.answer.get(id, messageId)) throw storeErrors.answered(id, messageId);
    const version = mode === 'reset' && row ? row.version + 1 : commit.session.version + 1;
    this.saveSession(commit, version, row, mode !== 'commit' || commit.fileChanged === true);
    this.appendRows(commit, row?.history_count ?? 0);
  }

  private saveSession(commit: TurnCommit, version: number, previous: SessionHeadRow | undefined, writeFile: boolean): void {
    const { session } = commit;
    const row: SessionRow = {
      id: session.id,
      state: session.state,
      variables: JSON.stringify(session.variables),
      created_at: session.createdAt,
      updated_at: session.updatedAt,
      version,
      history_count: (previous?.history_count ?? 0) + commit.history.length,
      expires_at: this.expiry.deadline(),
      predicted_intent: jsonOrNull(session.predictedIntent),
      message: jsonOrNull(session.message),
      file: jsonOrNull(session.file),
    };
    if (!previous) this.sql.insertSession.run(row);
    else (writeFile ? this.sql.updateSessionAndFile : this.sql.updateSession).run(row);
  }

  private appendRows(commit: TurnCommit, historyBase: number): void {
    const { id } = commit.session;
    commit.history.forEach((entry, index) => {
      const content = JSON.stringify(entry.content);
      this.sql.insertHistory.run(id, historyBase + index + 1, entry.sender, entry.type, entry.text, content, entry.at);
    });
    for (const entry of commit.audit) {
      this.sql.insertAudit.run({
        session_id: id,
        kind: entry.kind,
        at: Date.parse(entry.at),
        state: entry.state ?? null,
        intent: entry.intent ?? null,
        score: entry.score ?? null,
        fallback_reason: entry.fallbackReason ?? null,
        data: JSON.stringify(entry.data),
      });
    }
    if (commit.idempotency) {
      const { messageId, response } = commit.idempotency;
      this.sql.insertAnswer.run(id, messageId, JSON.stringify(response));
    }
  }

  private historyRange(id: string, after: number, through: number): HistoryEntry[] {
    return this.sql.historyRange.all(id, after, through).map((row) => ({ ...row, content: JSON.parse(row.content) as JsonValue }));
  }

  private answer(id: string, messageId: string): JsonValue | undefined {
    const row = this.sql.answer.get(id, messageId);
    return row && (JSON.parse(row.response) as JsonValue);
  }
}

function openDatabase(options: SqliteSessionStoreOptions): Database.Database {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * `at` is epoch ms. SQLite has index hints (INDEXED BY) but no way to intersect two indexes, and its statistics are
 * sampled: every query with a score bound or two filters starts where the probes say (audit-plan.ts).
 */
const SQLITE_AUDIT_INDEX = {
  sessionId: 'audit_session',
  kind: 'audit_kind',
  intent: 'audit_intent',
  state: 'audit_state',
  fallbackReason: 'audit_fallback_reason',
  score: 'audit_score',
} as const;
const SQLITE_AUDIT_DIALECT: AuditSqlDialect = {
  placeholder: () => '?',
  time: (ms) => ms,
  startFrom: (filter) => `INDEXED BY ${SQLITE_AUDIT_INDEX[filter]}`,
  unindexedOrder: '+at DESC, +id DESC',
  hiddenScore: '+score',
  idsFirst: false,
};

/** How often a long-running store refreshes the planner's statistics (SQLite's advice: every few hours). */
const OPTIMIZE_INTERVAL_MS = 3_600_000;

/**
 * Keeps the query planner's statistics (ANALYZE, with STAT4's samples) fresh, at open and then hourly, as SQLite
 * advises for long-lived connections: without them an audit query with several filters may pick a poor index
 * (a narrow score range is rare, a session is small). PRAGMA optimize analyses only tables that changed enough, and
 * analysis_limit keeps each analysis to a sample, so a large audit costs milliseconds.
 */
function scheduleOptimize(db: Database.Database): () => void {
  const optimize = (): void => {
    try {
      db.pragma('analysis_limit = 1000');
      db.pragma('optimize = 0x10002');
    } catch {
      // Busy or closed: statistics are an optimisation, the next round tries again.
    }
  };
  optimize();
  const timer = setInterval(optimize, OPTIMIZE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function toRecord(row: SessionRow): SessionRecord {
  const record: SessionRecord = {
    id: row.id,
    state: row.state,
    variables: JSON.parse(row.variables) as SessionRecord['variables'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
  if (row.predicted_intent !== null) record.predictedIntent = JSON.parse(row.predicted_intent) as SessionRecord['predictedIntent'];
  if (row.message !== null) record.message = JSON.parse(row.message) as string;
  if (row.file !== null) record.file = JSON.parse(row.file) as SessionRecord['file'];
  return record;
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** SQLite errors that mean the file cannot be used right now (busy, disk, permissions), not a bug. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|NOLFS|AUTH|PERM)/;

/** Errors creating the file's directory. */
const FILE_SYSTEM = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EEXIST']);

function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isParleyError(error) || isSessionConflictError(error)) throw error;
    const code = (error as { code?: unknown }).code;
    const closed = error instanceof TypeError && /database connection is not open/.test(error.message);
    const unusable = typeof code === 'string' && (UNAVAILABLE.test(code) || FILE_SYSTEM.has(code));
    if (unusable || closed) throw storeErrors.unavailable('SQLite', error);
    throw error;
  }
}
