/**
 * The cross-process lock of one session on PostgreSQL: a session-level advisory lock
 * (`pg_advisory_lock(namespace, session)`) taken on a client of the lock pool, held for the whole of `fn`, then
 * released. The server queues waiters (no polling) and `lock_timeout` bounds the wait. If the holder's
 * connection dies, the server frees the lock at once; the store's version check refuses any write the former
 * holder still attempts.
 */
import type { Pool, PoolClient } from 'pg';
import { postgresFailure } from './postgres-call';
import { storeErrors } from './store-errors';

/** SQLSTATE of a lock wait cut short by lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

export class PostgresLock {
  constructor(
    private readonly pool: Pool,
    /** Names the lock space of one schema, so two schemas on one server never block each other. */
    private readonly namespace: string,
    private readonly waitMs: number,
  ) {}

  async hold<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw postgresFailure(error);
    });
    // A checked-out client that loses its connection emits 'error'; unheard, that would crash the process.
    const onError = (): void => undefined;
    client.on('error', onError);
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [this.namespace, id]);
    } catch (error) {
      const timedOut = (error as { code?: unknown }).code === LOCK_NOT_AVAILABLE;
      this.giveBack(client, onError, timedOut ? undefined : error);
      throw timedOut ? storeErrors.lockTimeout('PostgreSQL', id, this.waitMs) : postgresFailure(error);
    }
    try {
      return await fn();
    } finally {
      await this.release(client, onError, id);
    }
  }

  private async release(client: PoolClient, onError: () => void, id: string): Promise<void> {
    try {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [this.namespace, id]);
      this.giveBack(client, onError);
    } catch (error) {
      // Destroying the connection is what frees the lock now.
      this.giveBack(client, onError, error);
    }
  }

  private giveBack(client: PoolClient, onError: () => void, error?: unknown): void {
    client.removeListener('error', onError);
    client.release(error instanceof Error ? error : error === undefined ? undefined : true);
  }
}
