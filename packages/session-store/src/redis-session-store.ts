/**
 * The scale-out store on Redis. Per session, under `<prefix>{<id>}:`: `s` a hash (state, variables, timestamps,
 * version, and the last prediction, message and file as JSON), `h` a list (history rows, JSON), `i` a hash
 * (messageId → answer), `lock`. The audit lives apart, under `<prefix>audit:` (redis-audit.ts). A turn
 * (`lockedTurn`) costs two round trips: one Lua script takes the lock and reads the turn, another writes the turn
 * (session, history, audit) and lets go of the lock. Expiry is Redis's own EXPIRE, set on every write. The schema
 * version is checked (and older data migrated) before the first command (redis-migrations.ts).
 */
import type { JsonValue } from '@parley/domain';
import { answerBeforeRelease } from './answer-before-release';
import { AuditRetention } from './audit-retention';
import { KeyedQueue } from './keyed-queue';
import { auditRowArgs, RedisAudit } from './redis-audit';
import { createRedisClient, type LoadTurnReply, redisCall, type RedisClient } from './redis-client';
import { newLockToken, RedisLock } from './redis-lock';
import { migrateRedis } from './redis-migrations';
import { SessionExpiry } from './session-expiry';
import { storeErrors } from './store-errors';
import type {
  AuditPage,
  AuditQuery,
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
  private readonly audit: RedisAudit;
  private readonly stopAuditPurge: () => void;
  private ready: Promise<void> | undefined;

  constructor(options: RedisSessionStoreOptions) {
    this.ttlMs = new SessionExpiry(options.ttlSeconds).ttlMs;
    const retention = new AuditRetention(options.auditRetentionSeconds);
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
    this.audit = new RedisAudit(this.client, this.prefix, retention);
    this.stopAuditPurge = retention.schedule(() => this.purgeAudit());
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
    await this.ensureSchema();
    const fields = await redisCall(() => this.client.hgetall(this.keys(id).session));
    return toRecord(id, fields);
  }

  async loadTurn(id: string, options: LoadTurnOptions): Promise<TurnSnapshot> {
    await this.ensureSchema();
    const keys = this.keys(id);
    return toSnapshot(
      id,
      await redisCall(() => this.client.parleyLoadTurn(keys.session, keys.history, keys.answers, ...loadArgs(options))),
    );
  }

  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    await this.ensureSchema();
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

  async queryAudit(query: AuditQuery): Promise<AuditPage> {
    await this.ensureSchema();
    return this.audit.query(query);
  }

  /** Deletes the audit rows older than the retention; returns how many. */
  async purgeAudit(now: number = Date.now()): Promise<number> {
    await this.ensureSchema();
    return this.audit.purge(now);
  }

  async idempotentResponse(id: string, messageId: string): Promise<JsonValue | undefined> {
    await this.ensureSchema();
    const answer = await redisCall(() => this.client.hget(this.keys(id).answers, messageId));
    return answer === null ? undefined : (JSON.parse(answer) as JsonValue);
  }

  async delete(id: string): Promise<boolean> {
    await this.ensureSchema();
    const keys = this.keys(id);
    const batch = this.client.multi().exists(keys.session).del(keys.session, keys.history, keys.answers);
    const [existed] = (await redisCall(() => execute(batch))) as [number, number];
    return existed === 1;
  }

  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const keys = this.keys(id);
    return answerBeforeRelease((body) => this.queue.run(id, () => this.lock.hold(id, keys.lock, keys.released, body)), fn);
  }

  lockedTurn<T>(id: string, load: LoadTurnOptions, fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T> {
    return this.queue.run(id, async () => {
      await this.ensureSchema();
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

  /** Also checks the schema version (migrating older data) when this store has not yet done so. */
  async ping(): Promise<void> {
    await redisCall(() => this.client.ping());
    await this.ensureSchema();
  }

  async close(): Promise<void> {
    this.stopAuditPurge();
    await this.lock.close();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Writes a turn; with `held`, a successful write also lets go of that lock. */
  private async write(mode: WriteMode, commit: TurnCommit, held?: HeldLock): Promise<void> {
    await this.ensureSchema();
    const { session } = commit;
    const keys = this.keys(session.id);
    const audit = this.audit.keys;
    const writeFile = mode !== 'commit' || commit.fileChanged === true;
    const args = [
      ...[keys.session, keys.history, keys.answers, keys.lock, audit.rows, audit.id, audit.all],
      ...[mode, String(session.version), session.state, JSON.stringify(session.variables)],
      ...[session.createdAt, session.updatedAt, String(this.ttlMs)],
      ...[commit.idempotency?.messageId ?? '', JSON.stringify(commit.idempotency?.response ?? null)],
      ...[held && !held.released ? held.token : '', keys.released],
      ...[jsonOrEmpty(session.predictedIntent), jsonOrEmpty(session.message), writeFile ? jsonOrEmpty(session.file) : ''],
      ...[writeFile ? '1' : '0', audit.byPrefix, session.id, String(commit.history.length)],
      ...commit.history.map(({ sender, type, text, content, at }) => JSON.stringify({ sender, type, text, content, at })),
      ...commit.audit.flatMap((entry) => auditRowArgs(entry, session.id)),
    ];
    const outcome = await redisCall(() => this.client.parleyWriteTurn(...args));
    if (outcome === 'OK' && held) held.released = true;
    if (outcome === 'EXISTS') throw storeErrors.exists(session.id);
    if (outcome === 'NOT_FOUND') throw storeErrors.notFound(session.id);
    if (outcome === 'CONFLICT') throw storeErrors.versionConflict(session.id, session.version);
    if (outcome === 'ANSWERED') throw storeErrors.answered(session.id, commit.idempotency?.messageId ?? '');
  }

  /** Checks the schema version once per store (migrating older data); after a failure the next call tries again. */
  private ensureSchema(): Promise<void> {
    this.ready ??= migrateRedis(this.client, this.prefix, this.audit.keys).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }

  private keys(id: string): SessionKeys {
    const base = `${this.prefix}{${id}}:`;
    return {
      session: `${base}s`,
      history: `${base}h`,
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
  const record: SessionRecord = {
    id,
    state: fields['state'] ?? '',
    variables: JSON.parse(fields['variables'] ?? '{}') as SessionRecord['variables'],
    createdAt: fields['createdAt'] ?? '',
    updatedAt: fields['updatedAt'] ?? '',
    version: Number(fields['version']),
  };
  const { predictedIntent, message, file } = fields;
  if (predictedIntent !== undefined) record.predictedIntent = JSON.parse(predictedIntent) as SessionRecord['predictedIntent'];
  if (message !== undefined) record.message = JSON.parse(message) as string;
  if (file !== undefined) record.file = JSON.parse(file) as SessionRecord['file'];
  return record;
}

function jsonOrEmpty(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

/** Rows of the history list, the first of which sits at list index `firstIndex`. */
function toHistory(rows: string[], firstIndex: number): HistoryEntry[] {
  return rows.map((row, index) => ({ ...(JSON.parse(row) as NewHistoryEntry), seq: firstIndex + index + 1 }));
}
