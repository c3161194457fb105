/**
 * The Redis connection the store uses, tuned to fail fast and heal: a command sent while the server is away
 * is refused at the next failed reconnect attempt (STORE_UNAVAILABLE) instead of queueing for ever, a reply that
 * never comes is refused after `commandTimeoutMs`, in-flight writes are never resent after a reconnect (a
 * commit must not be applied twice), and the client keeps reconnecting until the server is back.
 */
import Redis from 'ioredis';
import { isParleyError } from '@parley/domain';
import { isSessionConflictError } from './session-conflict-error';
import { MIGRATE_AUDIT_LIST, PURGE_AUDIT, QUERY_AUDIT } from './redis-audit-scripts';
import { LOAD_TURN, LOCK_AND_LOAD_TURN, RELEASE_LOCK, RENEW_LOCK, WRITE_TURN } from './redis-scripts';
import { storeErrors } from './store-errors';

export interface RedisClientOptions {
  url: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** The scripts of redis-scripts.ts, sent by SHA (EVALSHA, falling back to EVAL once per connection). */
export interface RedisScripts {
  parleyWriteTurn(...keysThenArgs: string[]): Promise<string>;
  parleyLoadTurn(...keysThenArgs: string[]): Promise<LoadTurnReply>;
  parleyLockAndLoadTurn(...keysThenArgs: string[]): Promise<LoadTurnReply | 'LOCKED'>;
  parleyRenewLock(lock: string, token: string, leaseMs: string): Promise<number>;
  parleyReleaseLock(lock: string, token: string, channel: string): Promise<number>;
  /** The number of keys first (they vary with the filters). Returns {rows, bound to continue from or ''}. */
  parleyQueryAudit(numberOfKeys: number, ...keysThenArgs: string[]): Promise<[rows: string[], next: string]>;
  parleyPurgeAudit(rows: string, all: string, byPrefix: string, before: string, batch: string): Promise<number>;
  parleyMigrateAuditList(...keysThenArgs: string[]): Promise<'OK' | 'CHANGED'>;
}

/** LOAD_TURN's reply: nothing when there is no session. */
export type LoadTurnReply = [] | [fields: string[], total: number, rows: string[], answer: string | null];

export type RedisClient = Redis & RedisScripts;

export function createRedisClient(options: RedisClientOptions): RedisClient {
  const client = new Redis(options.url, {
    connectTimeout: options.connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs,
    // Queued commands wait for the next reconnect attempt at most, and attempts come at least every 500 ms.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 50, 500),
  });
  // Without a listener ioredis prints every failed reconnect; the failures surface as STORE_UNAVAILABLE instead.
  client.on('error', () => undefined);
  client.defineCommand('parleyWriteTurn', { numberOfKeys: 7, lua: WRITE_TURN });
  client.defineCommand('parleyLoadTurn', { numberOfKeys: 3, lua: LOAD_TURN });
  client.defineCommand('parleyLockAndLoadTurn', { numberOfKeys: 4, lua: LOCK_AND_LOAD_TURN });
  client.defineCommand('parleyRenewLock', { numberOfKeys: 1, lua: RENEW_LOCK });
  client.defineCommand('parleyReleaseLock', { numberOfKeys: 1, lua: RELEASE_LOCK });
  client.defineCommand('parleyQueryAudit', { lua: QUERY_AUDIT });
  client.defineCommand('parleyPurgeAudit', { numberOfKeys: 2, lua: PURGE_AUDIT });
  client.defineCommand('parleyMigrateAuditList', { numberOfKeys: 4, lua: MIGRATE_AUDIT_LIST });
  return client as RedisClient;
}

/** Server replies that mean "not now" rather than "wrong command". */
const UNAVAILABLE_REPLY = /^(LOADING|READONLY|MASTERDOWN|BUSY|CLUSTERDOWN|TRYAGAIN|NOREPLICAS|MISCONF)/;

/** Runs a Redis call, turning connection failures into STORE_UNAVAILABLE; a script or command bug stays as is. */
export async function redisCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isParleyError(error) || isSessionConflictError(error)) throw error;
    const reply = error instanceof Error && error.name === 'ReplyError';
    if (reply && !UNAVAILABLE_REPLY.test(error.message)) throw error;
    throw storeErrors.unavailable('Redis', error);
  }
}
