/**
 * The scale-out store on Redis. Per session, under `<prefix>{<id>}:` (one hash tag, so a turn's keys share a
 * cluster slot): `s` a hash (state, variables, timestamps, version), `h` and `a` lists (history and audit
 * rows, JSON), `i` a hash (messageId → answer), `lock`. A turn (`lockedTurn`) costs two round trips: one Lua
 * script takes the lock and reads the turn, another writes the turn and lets go of the lock. Expiry is Redis's
 * own EXPIRE, set on every write.
 */
import type { JsonValue } from '@parley/domain';
import { answerBeforeRelease } from './answer-before-release';
import { KeyedQueue } from './keyed-queue';
import { createRedisClient, type LoadTurnReply, redisCall, type RedisClient } from './redis-client';
import { newLockToken, RedisLock } from './redis-lock';
import { SessionExpiry } from './session-expiry';
import { storeErrors } from './store-errors';
import type {
  AuditEntry,
  HistoryEntry,
  HistoryPage,
  LoadTurnOptions,
  NewHistoryEntry,
  SessionRecord,
  SessionStore,
  SessionStoreOptions,
  TurnCommit,
  TurnSnapshot,
  TurnWriter,
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

/** The lock a write lets go of when it succeeds. */
interface HeldLock {
  token: string;
  released: boolean;
}

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
  private readonly lockLeaseMs: number;

  constructor(options: RedisSessionStoreOptions) {
    this.ttlMs = new SessionExpiry(options.ttlSeconds).ttlMs;
    this.prefix = options.keyPrefix ?? 'parley:';
    this.client = createRedisClient({
      url: options.url,
      connectTimeoutMs: options.connectTimeoutMs ?? 2_000,
      commandTimeoutMs: options.commandTimeoutMs ?? 5_000,
    });
    this.lockLeaseMs = options.lockLeaseMs ?? 5_000;
    this.lock = new RedisLock(this.client, {
      leaseMs: this.lockLeaseMs,
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

  async loadTurn(id: string, options: LoadTurnOptions): Promise<TurnSnapshot> {
    const keys = this.keys(id);
    return toSnapshot(
      id,
      await redisCall(() => this.client.parleyLoadTurn(keys.session, keys.history, keys.answers, ...loadArgs(options))),
    );
  }

  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    if (page.limit <= 0) return { entries: [], total: await redisCall(() => this.client.llen(this.keys(id).history)) };
    const { history } = this.keys(id);
    const batch = this.client
      .multi()
      .llen(history)
      .lrange(history, page.offset, page.offset + page.limit - 1);
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

  lockedTurn<T>(id: string, load: LoadTurnOptions, fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T> {
    return this.queue.run(id, async () => {
      const keys = this.keys(id);
      const held: HeldLock = { token: newLockToken(), released: false };
      const lockAndLoad = [keys.session, keys.history, keys.answers, keys.lock, ...loadArgs(load), held.token, String(this.lockLeaseMs)];
      const reply = await redisCall(() => this.client.parleyLockAndLoadTurn(...lockAndLoad));
      let snapshot: TurnSnapshot;
      if (reply === 'LOCKED') {
        await this.lock.wait(id, keys.lock, keys.released, held.token);
        snapshot = await this.loadTurn(id, load).catch(async (error: unknown) => {
          await this.lock.release(keys.lock, held.token, keys.released);
          throw error;
        });
      } else {
        snapshot = toSnapshot(id, reply);
      }
      const stopRenewing = this.lock.keepAlive(keys.lock, held.token);
      const writer: TurnWriter = {
        commit: (commit) => this.write('commit', commit, held),
        reset: (commit) => this.write('reset', commit, held),
      };
      try {
        return await fn(snapshot, writer);
      } finally {
        stopRenewing();
        // Commands on one connection run in order, so a successor in this process finds the lock released.
        if (!held.released) void this.lock.release(keys.lock, held.token, keys.released);
      }
    });
  }

  async ping(): Promise<void> {
    await redisCall(() => this.client.ping());
  }

  async close(): Promise<void> {
    await this.lock.close();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Writes a turn; with `held`, a successful write also lets go of that lock. */
  private async write(mode: WriteMode, commit: TurnCommit, held?: HeldLock): Promise<void> {
    const { session } = commit;
    const keys = this.keys(session.id);
    const args = [
      ...[keys.session, keys.history, keys.audit, keys.answers, keys.lock],
      ...[mode, String(session.version), session.state, JSON.stringify(session.variables)],
      ...[session.createdAt, session.updatedAt, String(this.ttlMs)],
      ...[commit.idempotency?.messageId ?? '', JSON.stringify(commit.idempotency?.response ?? null)],
      ...[held && !held.released ? held.token : '', keys.released],
      String(commit.history.length),
      ...commit.history.map(({ sender, type, text, content, at }) => JSON.stringify({ sender, type, text, content, at })),
      ...commit.audit.map(({ kind, data, at }) => JSON.stringify({ kind, data, at })),
    ];
    const outcome = await redisCall(() => this.client.parleyWriteTurn(...args));
    if (outcome === 'OK' && held) held.released = true;
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

/** LOAD_TURN's arguments after its keys. */
function loadArgs(options: LoadTurnOptions): string[] {
  const recent = String(Math.max(0, options.recentHistory));
  return options.messageId === undefined ? [recent, '0', ''] : [recent, '1', options.messageId];
}

function toSnapshot(id: string, reply: LoadTurnReply): TurnSnapshot {
  if (reply.length === 0) return { session: undefined, recentHistory: [], idempotentResponse: undefined };
  const [fields, total, rows, answer] = reply;
  return {
    session: toRecord(id, fromPairs(fields)),
    recentHistory: toHistory(rows, total - rows.length),
    idempotentResponse: answer === null ? undefined : (JSON.parse(answer) as JsonValue),
  };
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
    variables: JSON.parse(fields['variables'] ?? '{}') as SessionRecord['variables'],
    createdAt: fields['createdAt'] ?? '',
    updatedAt: fields['updatedAt'] ?? '',
    version: Number(fields['version']),
  };
}

/** Rows of the history list, the first of which sits at list index `firstIndex`. */
function toHistory(rows: string[], firstIndex: number): HistoryEntry[] {
  return rows.map((row, index) => ({ ...(JSON.parse(row) as NewHistoryEntry), seq: firstIndex + index + 1 }));
}
