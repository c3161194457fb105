/**
 * The cross-process lock of one session on Redis: `SET lock token NX PX lease`, a lease renewed while the
 * holder runs, and a compare-and-delete release that also publishes a wake-up. A waiter sleeps until that
 * wake-up (or a short poll, for a holder that died and let its lease run out), never spinning, and gives up
 * after `waitMs`. The lease bounds how long a crashed holder blocks others; the store's version check refuses
 * the writes of a holder that outlived its lease. A turn takes the lock inside its read and lets go of it inside
 * its write (redis-scripts.ts), so this class's own SET and release only run on contention and for `withLock`.
 */
import { randomUUID } from 'node:crypto';
import { redisCall, type RedisClient } from './redis-client';
import { storeErrors } from './store-errors';

export interface RedisLockOptions {
  leaseMs: number;
  waitMs: number;
  /** Longest sleep between two attempts when no wake-up arrives. */
  pollMs: number;
}

/** A holder's proof: only the token that took the lock may renew or release it. */
export function newLockToken(): string {
  return randomUUID();
}

export class RedisLock {
  private subscriber: RedisClient | undefined;
  private readonly wakers = new Map<string, () => void>();

  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisLockOptions,
  ) {}

  /** Runs `fn` holding the lock named `key`; `channel` carries its release wake-ups. */
  async hold<T>(id: string, key: string, channel: string, fn: () => Promise<T>): Promise<T> {
    const token = newLockToken();
    if (!(await this.tryAcquire(key, token))) await this.wait(id, key, channel, token);
    const stopRenewing = this.keepAlive(key, token);
    try {
      return await fn();
    } finally {
      stopRenewing();
      await this.release(key, token, channel);
    }
  }

  /** Takes the lock once its holder lets go, waking on its release; STORE_UNAVAILABLE after `waitMs`. */
  async wait(id: string, key: string, channel: string, token: string): Promise<void> {
    const deadline = Date.now() + this.options.waitMs;
    // Subscribe before retrying, so a release between our failed SET and the subscription is not missed.
    await this.subscribe(channel);
    try {
      for (;;) {
        if (await this.tryAcquire(key, token)) return;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw storeErrors.lockTimeout('Redis', id, this.options.waitMs);
        await this.wakeOrSleep(channel, Math.min(remaining, this.options.pollMs));
      }
    } finally {
      this.wakers.delete(channel);
      this.subscriber?.unsubscribe(channel).catch(() => undefined);
    }
  }

  /** Renews the lease of a held lock until the returned function is called. */
  keepAlive(key: string, token: string): () => void {
    const lease = String(this.options.leaseMs);
    const renewal = setInterval(
      () => {
        this.client.parleyRenewLock(key, token, lease).catch(() => undefined);
      },
      Math.max(1, Math.floor(this.options.leaseMs / 3)),
    );
    return () => clearInterval(renewal);
  }

  /** Lets go of a held lock and wakes its waiters. A failed release is left to the lease. */
  async release(key: string, token: string, channel: string): Promise<void> {
    await this.client.parleyReleaseLock(key, token, channel).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }

  private async tryAcquire(key: string, token: string): Promise<boolean> {
    return (await redisCall(() => this.client.set(key, token, 'PX', this.options.leaseMs, 'NX'))) === 'OK';
  }

  private wakeOrSleep(channel: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.set(channel, done);
    });
  }

  /** Pub/sub needs a connection of its own; it is opened at the first contention. Failing, polling still works. */
  private async subscribe(channel: string): Promise<void> {
    if (!this.subscriber) {
      this.subscriber = this.client.duplicate() as RedisClient;
      this.subscriber.on('error', () => undefined);
      this.subscriber.on('message', (from: string) => this.wakers.get(from)?.());
    }
    await this.subscriber.subscribe(channel).catch(() => undefined);
  }
}
