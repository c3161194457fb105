/**
 * The scale-out store on Redis. Per session, under `<prefix>{<id>}:` (one hash tag, so a turn's keys share a
 * cluster slot): `s` a hash (state, variables, timestamps, version), `h` and `a` lists (history and audit
 * rows, JSON), `i` a hash (messageId → answer), `lock`. A turn costs four round trips: lock, `loadTurn`
 * (one Lua script), the write (one Lua script), release. Expiry is Redis's own EXPIRE, set on every write.
 */
import type { JsonValue } from '@parley/domain';
import { answerBeforeRelease } from './answer-before-release';
import { KeyedQueue } from './keyed-queue';
import { createRedisClient, redisCall } from './redis-client';
import type { RedisClient } from './redis-client';
import { RedisLock } from './redis-lock';
import { SessionExpiry } from './session-expiry';
import { storeErrors } from './store-errors';
import type {
  AuditEntry,
  HistoryEntry,
  HistoryPage,
  NewHistoryEntry,
  SessionRecord,
  SessionStore,
  SessionStoreOptions,
  TurnCommit,
  TurnSnapshot,
} from './session-store';

export interface RedisSessionStoreOptions extends SessionStoreOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  /** Prepended to every key and channel, so several bots or test runs can share one server. Default 'parley:'. */
  keyPrefix?: string;
  /** How long a lock outlives a holder that stopped renewing it (a crashed process). Default 5000. */
  lockLeaseMs?: number;
  /** How long withLock waits for another process's holder before STORE_UNAVAILABLE. Default 30000. */
  lockWaitMs?: number;
  /** Longest sleep of a lock waiter between two attempts when no release wake-up arrives. Default 100. */
  lockPollMs?: number;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

type WriteMode = 'create' | 'commit' | 'reset';

interface SessionKeys {
  session: string;
  history: string;
  audit: string;
  answers: string;
  lock: string;
  released: string;
}

export class RedisSessionStore implements SessionStore {
  private readonly client: RedisClient;
  private readonly lock: RedisLock;
  private readonly queue = new KeyedQueue();
  private readonly ttlMs: number;
  private readonly prefix: string;

  constructor(options: RedisSessionStoreOptions) {
    this.ttlMs = new SessionExpiry(options.ttlSeconds).ttlMs;
    this.prefix = options.keyPrefix ?? 'parley:';
    this.client = createRedisClient({
      url: options.url,
      connectTimeoutMs: options.connectTimeoutMs ?? 2_000,
      commandTimeoutMs: options.commandTimeoutMs ?? 5_000,
    });
    this.lock = new RedisLock(this.client, {
      leaseMs: options.lockLeaseMs ?? 5_000,
      waitMs: options.lockWaitMs ?? 30_000,
      pollMs: options.lockPollMs ?? 100,
    });
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
    const fields = await redisCall(() => this.client.hgetall(this.keys(id).session));
    return toRecord(id, fields);
  }

  async loadTurn(id: string, options: { recentHistory: number; messageId?: string }): Promise<TurnSnapshot> {
    const keys = this.keys(id);
    const recent = String(Math.max(0, options.recentHistory));
    const asked = options.messageId === undefined ? ['0', ''] : ['1', options.messageId];
    const reply = await redisCall(() => this.client.parleyLoadTurn(keys.session, keys.history, keys.answers, recent, ...asked));
    if (reply.length === 0) return { session: undefined, recentHistory: [], idempotentResponse: undefined };
    const [fields, total, rows, answer] = reply;
    return {
      session: toRecord(id, fromPairs(fields)),
      recentHistory: toHistory(rows, total - rows.length),
      idempotentResponse: answer === null ? undefined : (JSON.parse(answer) as JsonValue),
    };
  }

  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    if (page.limit <= 0) return { entries: [], total: await redisCall(() => this.client.llen(this.keys(id).history)) };
    const { history } = this.keys(id);
    const batch = this.client.multi().llen(history).lrange(history, page.offset, page.offset + page.limit - 1);
    const [total, rows] = (await redisCall(() => execute(batch))) as [number, string[]];
    return { entries: toHistory(rows, page.offset), total };
  }

  async recentHistory(id: string, limit: number): Promise<HistoryEntry[]> {
    return (await this.loadTurn(id, { recentHistory: limit })).recentHistory;
  }

  async audit(id: string, page: { offset: number; limit: number }): Promise<AuditEntry[]> {
    if (page.limit <= 0) return [];
    const { audit } = this.keys(id);
    const rows = await redisCall(() => this.client.lrange(audit, page.offset, page.offset + page.limit - 1));
    return rows.map((row) => JSON.parse(row) as AuditEntry);
  }

  async idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined> {
    const answer = await redisCall(() => this.client.hget(this.keys(id).answers, messageId));
    return answer === null ? undefined : (JSON.parse(answer) as JsonValue);
  }

  async delete(id: string): Promise<boolean> {
    const keys = this.keys(id);
    const batch = this.client.multi().exists(keys.session).del(keys.session, keys.history, keys.audit, keys.answers);
    const [existed] = (await redisCall(() => execute(batch))) as [number, number];
    return existed === 1;
  }

  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const keys = this.keys(id);
    return answerBeforeRelease((body) => this.queue.run(id, () => this.lock.hold(id, keys.lock, keys.released, body)), fn);
  }

  async ping(): Promise<void> {
    await redisCall(() => this.client.ping());
  }

  async close(): Promise<void> {
    await this.lock.close();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private async write(mode: WriteMode, commit: TurnCommit): Promise<void> {
    const { session } = commit;
    const keys = this.keys(session.id);
    const args = [
      ...[keys.session, keys.history, keys.audit, keys.answers],
      ...[mode, String(session.version), session.state, JSON.stringify(session.variables)],
      ...[session.createdAt, session.updatedAt, String(this.ttlMs)],
      ...[commit.idempotency?.messageId ?? '', JSON.stringify(commit.idempotency?.response ?? null)],
      String(commit.history.length),
      ...commit.history.map(({ sender, type, text, content, at }) => JSON.stringify({ sender, type, text, content, at })),
      ...commit.audit.map(({ kind, data, at }) => JSON.stringify({ kind, data, at })),
    ];
    const outcome = await redisCall(() => this.client.parleyWriteTurn(...args));
    if (outcome === 'EXISTS') throw storeErrors.exists(session.id);
    if (outcome === 'NOT_FOUND') throw storeErrors.notFound(session.id);
    if (outcome === 'CONFLICT') throw storeErrors.versionConflict(session.id, session.version);
    if (outcome === 'ANSWERED') throw storeErrors.answered(session.id, commit.idempotency?.messageId ?? '');
  }

  private keys(id: string): SessionKeys {
    const base = `${this.prefix}{${id}}:`;
    return {
      session: `${base}s`,
      history: `${base}h`,
      audit: `${base}a`,
      answers: `${base}i`,
      lock: `${base}lock`,
      released: `${base}released`,
    };
  }
}

/** Runs a MULTI and returns its replies, failing on the first command error. */
async function execute(batch: ReturnType<RedisClient['multi']>): Promise<unknown[]> {
  const results = (await batch.exec()) ?? [];
  return results.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

function fromPairs(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) fields[flat[index] as string] = flat[index + 1] as string;
  return fields;
}

function toRecord(id: string, fields: Record<string, string>): SessionRecord | undefined {
  if (fields['version'] === undefined) return undefined;
  return {
    id,
    state: fields['state'] ?? '',
    variables: JSON.parse(fields['variables'] ?? '{}'),
    createdAt: fields['createdAt'] ?? '',
    updatedAt: fields['updatedAt'] ?? '',
    version: Number(fields['version']),
  };
}

/** Rows of the history list, the first of which sits at list index `firstIndex`. */
function toHistory(rows: string[], firstIndex: number): HistoryEntry[] {
  return rows.map((row, index) => ({ ...(JSON.parse(row) as NewHistoryEntry), seq: firstIndex + index + 1 }));
}
