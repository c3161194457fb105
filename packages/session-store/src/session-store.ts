/**
 * The one interface every session store implements (memory, SQLite, Redis, PostgreSQL).
 * One contract suite (session-store.contract.ts) runs against all of them with real servers.
 */
import type { FileData, IntentClassifierPrediction, JsonObject, JsonValue } from '@parley/domain';

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
  // What BBF's session keeps between turns besides state and variables (session.predicted_intent, .message, .file).
  /** The last prediction; absent before the first message. */
  predictedIntent?: IntentClassifierPrediction;
  /** The last user message, or the last file's name. */
  message?: string;
  /** The last file received. A commit rewrites it only when `TurnCommit.fileChanged` says so. */
  file?: FileData;
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

export type AuditKind = 'prediction' | 'transition' | 'session';

/**
 * One audit row as a turn writes it: what BBF's monitoring database keeps (predictions, transitions, session
 * events). The optional fields are what `queryAudit` filters on; `data` holds the rest. Audit rows outlive their
 * session: deleting or expiring a session keeps them, and their own retention (`auditRetentionSeconds`) drops them.
 */
export interface AuditEntry {
  kind: AuditKind;
  /** ISO-8601, kept to the millisecond. */
  at: string;
  /** The dialogue state the row is about: where a message was predicted, the state a transition left. */
  state?: string;
  /** A prediction's intent (fallback_intent included). */
  intent?: string;
  /** A prediction's confidence in [0, 1]. */
  score?: number;
  /** A prediction's fallback reason (NONE when an intent matched). */
  fallbackReason?: string;
  data: JsonObject;
}

/** A stored audit row, as `queryAudit` returns it. */
export interface AuditRecord extends AuditEntry {
  /** Unique in the store, assigned in write order. */
  id: number;
  sessionId: string;
}

/**
 * A filtered page of the audit, newest first (by `at`, then by `id` for rows of the same millisecond). Every
 * filter given must hold; a score bound never matches a row without a score.
 */
export interface AuditQuery {
  sessionId?: string;
  kind?: AuditKind;
  intent?: string;
  state?: string;
  fallbackReason?: string;
  /** Inclusive. */
  minScore?: number;
  /** Inclusive. */
  maxScore?: number;
  /** ISO-8601, inclusive. */
  from?: string;
  /** ISO-8601, exclusive. */
  to?: string;
  /** 1 to MAX_AUDIT_PAGE rows. */
  limit: number;
  /** A previous page's `nextCursor`: the rows after that page, under the same filters. */
  cursor?: string;
}

export interface AuditPage {
  rows: AuditRecord[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export interface TurnCommit {
  /** The session after the turn; `version` is the version that was read (store writes version + 1). */
  session: SessionRecord;
  /**
   * True when the turn received a file: `session.file` replaces the stored one. Otherwise `commit` keeps the stored
   * file and ignores `session.file`, so a large file is written once, not on every turn. `create` and `reset`
   * always store `session.file` (usually none).
   */
  fileChanged?: boolean;
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
   * Replaces the session (reset): state, variables, prediction, message and file replaced, history and audit kept, then
   * `commit.history` added.
   * No version check (a reset wins); the stored version still goes up by one, so a commit that read the old
   * version conflicts. Throws ParleyError SESSION_NOT_FOUND when there is no session.
   */
  reset(commit: TurnCommit): Promise<void>;
  /** History in order; `offset` counts from the first entry. */
  history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage>;
  /** The last `limit` entries, oldest first. */
  recentHistory(id: string, limit: number): Promise<HistoryEntry[]>;
  /**
   * A page of the audit of every session, deleted and expired ones included, filtered and newest first. Throws
   * ParleyError INVALID_ARGUMENT naming the field for a bad query (limit, dates, score bounds, cursor).
   */
  queryAudit(query: AuditQuery): Promise<AuditPage>;
  /** The stored answer for a messageId of this session, if any. */
  idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined>;
  /** Deletes the session, its history and idempotency records (its audit stays). Returns false when there was none. */
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
   * history and idempotency records go with it (not its audit). 0 = never. Fractions are allowed (millisecond
   * precision).
   */
  ttlSeconds: number;
  /**
   * Audit rows whose `at` is older than this are no longer returned, and are purged now and then. 0 or absent =
   * kept for ever. Fractions are allowed.
   */
  auditRetentionSeconds?: number;
}
