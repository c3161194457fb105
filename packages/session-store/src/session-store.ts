/**
 * The one interface every session store implements (memory, SQLite, Redis, PostgreSQL).
 * One contract suite (session-store.contract.ts) runs against all of them with real servers.
 */
import type { JsonObject, JsonValue } from '@parley/domain';

/** 0 = bot, 1 = user, as on the BBF Sessions page. */
export type Sender = 0 | 1;

export interface SessionRecord {
  id: string;
  /** Current dialogue state name. */
  state: string;
  variables: JsonObject;
  createdAt: string; // ISO-8601
  updatedAt: string; // ISO-8601
  /** Bumped by every commit; a commit must name the version it read (optimistic check behind the lock). */
  version: number;
}

/** One chat row: a user message/file/event or one bot reply. */
export interface HistoryEntry {
  /** 1-based position in the session's history, assigned by the store. */
  seq: number;
  sender: Sender;
  /** Reply type for bot rows (str, markdown, options, …); 'str' | 'file' | 'event' for user rows. */
  type: string;
  /** Plain-text rendering, what session.chatHistory shows. */
  text: string;
  /** The full payload (reply content, file metadata, event params). */
  content: JsonValue;
  at: string; // ISO-8601
}
export type NewHistoryEntry = Omit<HistoryEntry, 'seq'>;

/** What BBF's monitoring database keeps: predictions and transitions. */
export interface AuditEntry {
  kind: 'prediction' | 'transition' | 'session';
  data: JsonObject;
  at: string; // ISO-8601
}

export interface TurnCommit {
  /** The session after the turn; `version` is the version that was read (store writes version + 1). */
  session: SessionRecord;
  history: NewHistoryEntry[];
  audit: AuditEntry[];
  /** When the client sent a messageId: the answer to return for retries of the same id. */
  idempotency?: { messageId: string; response: JsonValue };
}

export interface HistoryPage {
  entries: HistoryEntry[];
  total: number;
}

/** Everything a turn reads, fetched in one round trip (see `loadTurn`). */
export interface TurnSnapshot {
  /** Undefined when there is no such session (or it expired). */
  session: SessionRecord | undefined;
  /** The last `recentHistory` entries, oldest first. */
  recentHistory: HistoryEntry[];
  /** The stored answer for `messageId`, when one was asked for and exists. */
  idempotentResponse: JsonValue | undefined;
}

/** What `loadTurn` reads besides the session itself. */
export interface LoadTurnOptions {
  recentHistory: number;
  messageId?: string;
}

/** The writes a locked turn may make, while its lock is held (see `lockedTurn`). */
export interface TurnWriter {
  commit(commit: TurnCommit): Promise<void>;
  reset(commit: TurnCommit): Promise<void>;
}

export interface SessionStore {
  /**
   * Creates a session with its first turn (initial body replies). Throws ParleyError SESSION_EXISTS.
   * Like every write, it stores version `commit.session.version + 1` (so pass 0: the first stored version is 1).
   */
  create(commit: TurnCommit): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  /**
   * Session, recent history and the idempotent answer for `messageId` in one read: what a turn needs, in one round
   * trip on the network stores. Same results as `get` + `recentHistory` + `idempotentResponse`.
   */
  loadTurn(id: string, options: LoadTurnOptions): Promise<TurnSnapshot>;
  /**
   * Saves session, history, audit and idempotency record atomically. Throws ParleyError SESSION_NOT_FOUND when
   * the session is gone, and a SessionConflictError (a plain Error subclass; nothing written) when the stored
   * version is not `commit.session.version` or `commit.idempotency.messageId` already has an answer.
   */
  commit(commit: TurnCommit): Promise<void>;
  /**
   * Replaces the session (reset): state/variables replaced, history and audit kept, then `commit.history` added.
   * No version check (a reset wins); the stored version still goes up by one, so a commit that read the old
   * version conflicts. Throws ParleyError SESSION_NOT_FOUND when there is no session.
   */
  reset(commit: TurnCommit): Promise<void>;
  /** History in order; `offset` counts from the first entry. */
  history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage>;
  /** The last `limit` entries, oldest first. */
  recentHistory(id: string, limit: number): Promise<HistoryEntry[]>;
  audit(id: string, page: { offset: number; limit: number }): Promise<AuditEntry[]>;
  /** The stored answer for a messageId of this session, if any. */
  idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined>;
  /** Deletes the session, its history, audit and idempotency records. Returns false when there was none. */
  delete(id: string): Promise<boolean>;
  /**
   * Runs `fn` while holding the session's lock: across every process sharing the store, one holder at a time.
   * Within one process, waiters are served in arrival order. Memory and SQLite lock within their process only.
   * When the cross-process lock cannot be had within the adapter's wait bound, throws ParleyError
   * STORE_UNAVAILABLE and `fn` does not run.
   */
  withLock<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /**
   * A turn: `withLock` + `loadTurn` + the writes `fn` makes through `writer`, with withLock's guarantees. A store
   * may fold the lock into the load and its release into a successful write (Redis does: two round trips a turn).
   * After a write that succeeded, `fn` must not write again. A SessionConflictError from a write means the lock
   * was lost: the caller runs the whole lockedTurn again.
   */
  lockedTurn<T>(id: string, load: LoadTurnOptions, fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T>;
  /** Throws ParleyError STORE_UNAVAILABLE when the backing server cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionStoreOptions {
  /**
   * Sessions not written (create/commit/reset) for this long expire: every read then sees no session, and its
   * history, audit and idempotency records go with it. 0 = never. Fractions are allowed (millisecond precision).
   */
  ttlSeconds: number;
}
