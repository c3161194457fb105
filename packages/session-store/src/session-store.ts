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

export interface SessionStore {
  /** Creates a session with its first turn (initial body replies). Throws ParleyError SESSION_EXISTS. */
  create(commit: TurnCommit): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  /**
   * Saves session, history, audit and idempotency record atomically. Throws ParleyError SESSION_NOT_FOUND when
   * the session is gone, and a plain Error (conflict) when the stored version is not `commit.session.version`.
   */
  commit(commit: TurnCommit): Promise<void>;
  /** Replaces the session (reset): state/variables replaced, history and audit kept, then `commit.history` added. */
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
   * Within one process, waiters are served in arrival order.
   */
  withLock<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /** Throws ParleyError STORE_UNAVAILABLE when the backing server cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionStoreOptions {
  /** Sessions untouched for this long expire (get → undefined). 0 = never. */
  ttlSeconds: number;
}
