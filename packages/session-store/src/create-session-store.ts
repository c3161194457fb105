/**
 * Builds the configured store. Services choose the kind from their environment; this is the one place that
 * knows every adapter. Stores connect lazily: call `ping()` at start-up to fail fast on an unreachable server.
 */
import { ParleyError } from '@parley/domain';
import { MemorySessionStore } from './memory-session-store';
import { PostgresSessionStore, type PostgresSessionStoreOptions } from './postgres-session-store';
import { RedisSessionStore, type RedisSessionStoreOptions } from './redis-session-store';
import type { SessionStore, SessionStoreOptions } from './session-store';
import { SqliteSessionStore, type SqliteSessionStoreOptions } from './sqlite-session-store';

/** An adapter's options, with `ttlSeconds` optional (default 0: never expire). */
type Configured<Options extends SessionStoreOptions> = Omit<Options, 'ttlSeconds'> & { ttlSeconds?: number };

export type SessionStoreConfig =
  | ({ kind: 'memory' } & Configured<SessionStoreOptions>)
  | ({ kind: 'sqlite' } & Configured<SqliteSessionStoreOptions>)
  | ({ kind: 'redis' } & Configured<RedisSessionStoreOptions>)
  | ({ kind: 'postgres' } & Configured<PostgresSessionStoreOptions>);

export type SessionStoreKind = SessionStoreConfig['kind'];

export function createSessionStore(config: SessionStoreConfig): SessionStore {
  const ttlSeconds = config.ttlSeconds ?? 0;
  switch (config.kind) {
    case 'memory':
      return new MemorySessionStore({ ...config, ttlSeconds });
    case 'sqlite':
      return new SqliteSessionStore({ ...config, path: required(config.path, 'path'), ttlSeconds });
    case 'redis':
      return new RedisSessionStore({ ...config, url: required(config.url, 'url'), ttlSeconds });
    case 'postgres':
      return new PostgresSessionStore({ ...config, url: required(config.url, 'url'), ttlSeconds });
    default: {
      const kind: unknown = (config as { kind?: unknown }).kind;
      throw new ParleyError('INVALID_ARGUMENT', `kind must be memory, sqlite, redis or postgres, got ${String(kind)}`, {
        field: 'kind',
      });
    }
  }
}

function required(value: string | undefined, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ParleyError('INVALID_ARGUMENT', `${field} is required for this session store`, { field });
  }
  return value;
}
