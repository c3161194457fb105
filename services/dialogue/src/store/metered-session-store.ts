/**
 * A SessionStore that times every operation of the store it wraps into the store-latency histogram. For
 * withLock it times the wait to acquire the lock, not the work done while holding it; for lockedTurn, the lock
 * and load (`lock_load_turn`) and each write, not the work between them.
 */
import type { JsonValue } from '@parley/domain';
import type {
  AuditPage,
  AuditQuery,
  HistoryEntry,
  HistoryPage,
  LoadTurnOptions,
  SessionRecord,
  SessionStore,
  TurnCommit,
  TurnSnapshot,
  TurnWriter,
} from '@parley/session-store';
import type { DialogueMetrics } from '../metrics/dialogue-metrics';

export class MeteredSessionStore implements SessionStore {
  constructor(
    private readonly store: SessionStore,
    private readonly metrics: DialogueMetrics,
  ) {}

  create(commit: TurnCommit): Promise<void> {
    return this.time('create', () => this.store.create(commit));
  }

  get(id: string): Promise<SessionRecord | undefined> {
    return this.time('get', () => this.store.get(id));
  }

  loadTurn(id: string, options: LoadTurnOptions): Promise<TurnSnapshot> {
    return this.time('load_turn', () => this.store.loadTurn(id, options));
  }

  commit(commit: TurnCommit): Promise<void> {
    return this.time('commit', () => this.store.commit(commit));
  }

  reset(commit: TurnCommit): Promise<void> {
    return this.time('reset', () => this.store.reset(commit));
  }

  history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    return this.time('history', () => this.store.history(id, page));
  }

  recentHistory(id: string, limit: number): Promise<HistoryEntry[]> {
    return this.time('recent_history', () => this.store.recentHistory(id, limit));
  }

  queryAudit(query: AuditQuery): Promise<AuditPage> {
    return this.time('query_audit', () => this.store.queryAudit(query));
  }

  idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined> {
    return this.time('idempotent_response', () => this.store.idempotentResponse(id, messageId));
  }

  delete(id: string): Promise<boolean> {
    return this.time('delete', () => this.store.delete(id));
  }

  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const stop = this.metrics.storeSeconds.startTimer({ operation: 'lock' });
    let acquired = false;
    return this.store
      .withLock(id, () => {
        acquired = true;
        stop({ outcome: 'ok' });
        return fn();
      })
      .catch((error: unknown) => {
        if (!acquired) stop({ outcome: 'error' });
        throw error;
      });
  }

  lockedTurn<T>(id: string, load: LoadTurnOptions, fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T> {
    const stop = this.metrics.storeSeconds.startTimer({ operation: 'lock_load_turn' });
    let loaded = false;
    return this.store
      .lockedTurn(id, load, (snapshot, writer) => {
        loaded = true;
        stop({ outcome: 'ok' });
        return fn(snapshot, {
          commit: (commit) => this.time('commit', () => writer.commit(commit)),
          reset: (commit) => this.time('reset', () => writer.reset(commit)),
        });
      })
      .catch((error: unknown) => {
        if (!loaded) stop({ outcome: 'error' });
        throw error;
      });
  }

  ping(): Promise<void> {
    return this.time('ping', () => this.store.ping());
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async time<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    const stop = this.metrics.storeSeconds.startTimer({ operation });
    try {
      const result = await fn();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: 'error' });
      throw error;
    }
  }
}
