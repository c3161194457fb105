/**
 * The in-memory session store, for tests and throw-away runs: nothing survives the process, and the lock is
 * in-process only. Values are deep-copied on the way in and out, as a real store serialises them, so a caller
 * can never change stored state by mutating what it passed or got back.
 */
import type { JsonValue } from '@parley/domain';
import { auditPageOf, auditRecordOf, auditRowMatches, checkAuditQuery, isBefore } from './audit-query';
import { AuditRetention } from './audit-retention';
import { KeyedQueue } from './keyed-queue';
import { lockedTurnOf } from './locked-turn';
import { SessionExpiry } from './session-expiry';
import { storeErrors } from './store-errors';
import type {
  AuditPage,
  AuditQuery,
  AuditRecord,
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

interface StoredSession {
  record: SessionRecord;
  history: HistoryEntry[];
  answers: Map<string, JsonValue>;
  expiresAt: number | null;
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  /** Every session's audit, oldest first by (at, id): apart from the sessions, so it outlives them. */
  private readonly auditRows: AuditRecord[] = [];
  private lastAuditId = 0;
  private readonly queue = new KeyedQueue();
  private readonly expiry: SessionExpiry;
  private readonly retention: AuditRetention;
  private readonly stopPurge: () => void;
  private readonly stopAuditPurge: () => void;

  constructor(options: SessionStoreOptions) {
    this.expiry = new SessionExpiry(options.ttlSeconds);
    this.retention = new AuditRetention(options.auditRetentionSeconds);
    this.stopPurge = this.expiry.schedule(() => this.purgeExpired());
    this.stopAuditPurge = this.retention.schedule(() => this.purgeAudit());
  }

  async create(commit: TurnCommit): Promise<void> {
    const id = commit.session.id;
    if (this.live(id)) throw storeErrors.exists(id);
    const stored: StoredSession = { record: { ...commit.session }, history: [], answers: new Map(), expiresAt: null };
    this.sessions.set(id, stored);
    this.write(stored, commit, commit.session.version + 1, true);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const stored = this.live(id);
    return stored && copy(stored.record);
  }

  async loadTurn(id: string, options: { recentHistory: number; messageId?: string }): Promise<TurnSnapshot> {
    const stored = this.live(id);
    const answer = options.messageId === undefined ? undefined : stored?.answers.get(options.messageId);
    return {
      session: stored && copy(stored.record),
      recentHistory: stored ? copy(lastOf(stored.history, options.recentHistory)) : [],
      idempotentResponse: answer === undefined ? undefined : copy(answer),
    };
  }

  async commit(commit: TurnCommit): Promise<void> {
    const id = commit.session.id;
    const stored = this.live(id);
    if (!stored) throw storeErrors.notFound(id);
    if (stored.record.version !== commit.session.version) throw storeErrors.versionConflict(id, commit.session.version);
    this.write(stored, commit, commit.session.version + 1, commit.fileChanged === true);
  }

  async reset(commit: TurnCommit): Promise<void> {
    const id = commit.session.id;
    const stored = this.live(id);
    if (!stored) throw storeErrors.notFound(id);
    this.write(stored, commit, stored.record.version + 1, true);
  }

  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    const history = this.live(id)?.history ?? [];
    return { entries: copy(history.slice(page.offset, page.offset + page.limit)), total: history.length };
  }

  async recentHistory(id: string, limit: number): Promise<HistoryEntry[]> {
    return copy(lastOf(this.live(id)?.history ?? [], limit));
  }

  async queryAudit(query: AuditQuery): Promise<AuditPage> {
    const checked = checkAuditQuery(query, this.retention.cutoff());
    const rows: AuditRecord[] = [];
    for (let index = this.auditRows.length - 1; index >= 0 && rows.length <= checked.limit; index -= 1) {
      const row = this.auditRows[index] as AuditRecord;
      if (auditRowMatches(row, checked)) rows.push(row);
    }
    return copy(auditPageOf(rows, checked.limit));
  }

  async idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined> {
    const answer = this.live(id)?.answers.get(messageId);
    return answer === undefined ? undefined : copy(answer);
  }

  async delete(id: string): Promise<boolean> {
    const existed = this.live(id) !== undefined;
    this.sessions.delete(id);
    return existed;
  }

  lockedTurn<T>(id: string, load: LoadTurnOptions, fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T> {
    return lockedTurnOf(this, id, load, fn);
  }

  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.queue.run(id, fn);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.stopPurge();
    this.stopAuditPurge();
  }

  /** Drops audit rows older than the retention; returns how many. */
  purgeAudit(now: number = Date.now()): number {
    const cutoff = this.retention.cutoff(now);
    if (cutoff === undefined) return 0;
    const kept = this.auditRows.filter((row) => Date.parse(row.at) >= cutoff);
    const purged = this.auditRows.length - kept.length;
    this.auditRows.splice(0, this.auditRows.length, ...kept);
    return purged;
  }

  /** Drops expired sessions; returns how many. */
  purgeExpired(now: number = Date.now()): number {
    let purged = 0;
    for (const [id, stored] of this.sessions) {
      if (!this.expiry.isLive(stored.expiresAt, now)) {
        this.sessions.delete(id);
        purged += 1;
      }
    }
    return purged;
  }

  /** The stored session when it exists and has not expired; an expired one is dropped on sight. */
  private live(id: string): StoredSession | undefined {
    const stored = this.sessions.get(id);
    if (stored && !this.expiry.isLive(stored.expiresAt)) {
      this.sessions.delete(id);
      return undefined;
    }
    return stored;
  }

  /**
   * Checks first, then changes: nothing below can throw, which is what makes the write atomic here. `writeFile`:
   * whether commit.session.file replaces the stored file.
   */
  private write(stored: StoredSession, commit: TurnCommit, version: number, writeFile: boolean): void {
    const messageId = commit.idempotency?.messageId;
    if (messageId !== undefined && stored.answers.has(messageId)) {
      throw storeErrors.answered(commit.session.id, messageId);
    }
    const now = Date.now();
    const file = writeFile ? commit.session.file : stored.record.file;
    stored.record = { ...copy(commit.session), version };
    if (file === undefined) delete stored.record.file;
    else stored.record.file = copy(file);
    const base = stored.history.length;
    stored.history.push(
      ...commit.history.map(({ sender, type, text, content, at }, index) => {
        return { seq: base + index + 1, sender, type, text, content: copy(content), at };
      }),
    );
    for (const entry of commit.audit) {
      this.lastAuditId += 1;
      this.appendAudit(auditRecordOf(copy(entry), this.lastAuditId, commit.session.id));
    }
    if (commit.idempotency) stored.answers.set(commit.idempotency.messageId, copy(commit.idempotency.response));
    stored.expiresAt = this.expiry.deadline(now);
  }

  /** Keeps the rows sorted by (at, id): a row stamped earlier than the newest goes in its place. */
  private appendAudit(row: AuditRecord): void {
    const position = { atMs: Date.parse(row.at), id: row.id };
    let index = this.auditRows.length;
    while (index > 0) {
      const previous = this.auditRows[index - 1] as AuditRecord;
      if (!isBefore(position, { atMs: Date.parse(previous.at), id: previous.id })) break;
      index -= 1;
    }
    this.auditRows.splice(index, 0, row);
  }
}

function lastOf<T>(items: T[], limit: number): T[] {
  return limit <= 0 ? [] : items.slice(-limit);
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
