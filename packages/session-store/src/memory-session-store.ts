/**
 * The in-memory session store, for tests and throw-away runs: nothing survives the process, and the lock is
 * in-process only. Values are deep-copied on the way in and out, as a real store serialises them, so a caller
 * can never change stored state by mutating what it passed or got back.
 */
import type { JsonValue } from '@parley/domain';
import { KeyedQueue } from './keyed-queue';
import { lockedTurnOf } from './locked-turn';
import { SessionExpiry } from './session-expiry';
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

interface StoredSession {
  record: SessionRecord;
  history: HistoryEntry[];
  audit: AuditEntry[];
  answers: Map<string, JsonValue>;
  expiresAt: number | null;
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  private readonly queue = new KeyedQueue();
  private readonly expiry: SessionExpiry;
  private readonly stopPurge: () => void;

  constructor(options: SessionStoreOptions) {
    this.expiry = new SessionExpiry(options.ttlSeconds);
    this.stopPurge = this.expiry.schedule(() => this.purgeExpired());
  }

  async create(commit: TurnCommit): Promise<void> {
    const id = commit.session.id;
    if (this.live(id)) throw storeErrors.exists(id);
    const stored: StoredSession = {
      record: { ...commit.session },
      history: [],
      audit: [],
      answers: new Map(),
      expiresAt: null,
    };
    this.sessions.set(id, stored);
    this.write(stored, commit, commit.session.version + 1);
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
    this.write(stored, commit, commit.session.version + 1);
  }

  async reset(commit: TurnCommit): Promise<void> {
    const id = commit.session.id;
    const stored = this.live(id);
    if (!stored) throw storeErrors.notFound(id);
    this.write(stored, commit, stored.record.version + 1);
  }

  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    const history = this.live(id)?.history ?? [];
    return { entries: copy(history.slice(page.offset, page.offset + page.limit)), total: history.length };
  }

  async recentHistory(id: string, limit: number): Promise<HistoryEntry[]> {
    return copy(lastOf(this.live(id)?.history ?? [], limit));
  }

  async audit(id: string, page: { offset: number; limit: number }): Promise<AuditEntry[]> {
    return copy((this.live(id)?.audit ?? []).slice(page.offset, page.offset + page.limit));
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

  /** Checks first, then changes: nothing below can throw, which is what makes the write atomic here. */
  private write(stored: StoredSession, commit: TurnCommit, version: number): void {
    const messageId = commit.idempotency?.messageId;
    if (messageId !== undefined && stored.answers.has(messageId)) {
      throw storeErrors.answered(commit.session.id, messageId);
    }
    const now = Date.now();
    stored.record = { ...copy(commit.session), version };
    const base = stored.history.length;
    stored.history.push(
      ...commit.history.map(({ sender, type, text, content, at }, index) => {
        return { seq: base + index + 1, sender, type, text, content: copy(content), at };
      }),
    );
    stored.audit.push(...commit.audit.map(({ kind, data, at }) => ({ kind, data: copy(data), at })));
    if (commit.idempotency) stored.answers.set(commit.idempotency.messageId, copy(commit.idempotency.response));
    stored.expiresAt = this.expiry.deadline(now);
  }
}

function lastOf<T>(items: T[], limit: number): T[] {
  return limit <= 0 ? [] : items.slice(-limit);
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
