/**
 * The embedded default store: one SQLite file in WAL mode, durable (synchronous=FULL by default, so a committed
 * turn survives kill -9 and power loss), one IMMEDIATE transaction per write. The lock is in-process only: two
 * processes may share the file safely (the version check refuses lost updates) but are not serialised.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isParleyError, type JsonValue } from '@parley/domain';
import { KeyedQueue } from './keyed-queue';
import { lockedTurnOf } from './locked-turn';
import { isSessionConflictError } from './session-conflict-error';
import { SessionExpiry } from './session-expiry';
import { prepareSqliteStatements, type SessionRow, type SqliteStatements } from './sqlite-schema';
import { storeErrors } from './store-errors';
import type {
  AuditEntry,
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
  private readonly stopPurge: () => void;
  private readonly writeTurn: (mode: WriteMode, commit: TurnCommit) => void;

  constructor(options: SqliteSessionStoreOptions) {
    this.expiry = new SessionExpiry(options.ttlSeconds);
    this.db = guard(() => openDatabase(options));
    this.sql = guard(() => prepareSqliteStatements(this.db));
    const writeTurn = this.db.transaction((mode: WriteMode, commit: TurnCommit) => this.write(mode, commit));
    this.writeTurn = (mode, commit) => writeTurn.immediate(mode, commit);
    this.stopPurge = this.expiry.schedule(() => this.purgeExpired());
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
      const total = this.live(id)?.history_count ?? 0;
      const entries = total === 0 ? [] : this.historyRange(id, page.offset, page.offset + page.limit);
      return { entries, total };
    });
  }

  async recentHistory(id: string, limit: number): Promise<HistoryEntry[]> {
    return (await this.loadTurn(id, { recentHistory: limit })).recentHistory;
  }

  async audit(id: string, page: { offset: number; limit: number }): Promise<AuditEntry[]> {
    return guard(() => {
      if (!this.live(id)) return [];
      const rows = this.sql.auditRange.all(id, page.offset, page.offset + page.limit);
      return rows.map((row) => ({ kind: row.kind, data: JSON.parse(row.data) as AuditEntry['data'], at: row.at }));
    });
  }

  async idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined> {
    return guard(() => (this.live(id) ? this.answer(id, messageId) : undefined));
  }

  async delete(id: string): Promise<boolean> {
    return guard(() => {
      const existed = this.live(id) !== undefined;
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
    if (this.db.open) this.db.close();
  }

  /** Deletes expired sessions with everything they kept; returns how many. */
  purgeExpired(now: number = Date.now()): number {
    return guard(() => this.sql.purgeExpired.run(now).changes);
  }

  private live(id: string): SessionRow | undefined {
    const row = this.sql.session.get(id);
    return row && this.expiry.isLive(row.expires_at) ? row : undefined;
  }

  /** Runs inside the IMMEDIATE transaction: every check happens before the first change. */
  private write(mode: WriteMode, commit: TurnCommit): void {
    const { id } = commit.session;
    let row = this.sql.session.get(id);
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
    this.saveSession(commit, version, row);
    this.appendRows(commit, row?.history_count ?? 0, row?.audit_count ?? 0);
  }

  private saveSession(commit: TurnCommit, version: number, previous: SessionRow | undefined): void {
    const { session } = commit;
    const row: SessionRow = {
      id: session.id,
      state: session.state,
      variables: JSON.stringify(session.variables),
      created_at: session.createdAt,
      updated_at: session.updatedAt,
      version,
      history_count: (previous?.history_count ?? 0) + commit.history.length,
      audit_count: (previous?.audit_count ?? 0) + commit.audit.length,
      expires_at: this.expiry.deadline(),
    };
    (previous ? this.sql.updateSession : this.sql.insertSession).run(row);
  }

  private appendRows(commit: TurnCommit, historyBase: number, auditBase: number): void {
    const { id } = commit.session;
    commit.history.forEach((entry, index) => {
      const content = JSON.stringify(entry.content);
      this.sql.insertHistory.run(id, historyBase + index + 1, entry.sender, entry.type, entry.text, content, entry.at);
    });
    commit.audit.forEach((entry, index) => {
      this.sql.insertAudit.run(id, auditBase + index + 1, entry.kind, JSON.stringify(entry.data), entry.at);
    });
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

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    state: row.state,
    variables: JSON.parse(row.variables) as SessionRecord['variables'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
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
