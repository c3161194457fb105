/**
 * The TTL policy shared by the adapters that keep an expiry time themselves (memory, SQLite, PostgreSQL): when a
 * written session expires, whether a stored one is still live, and a background purge of the expired ones.
 * Reads check the expiry, so the purge only reclaims space; Redis uses its own EXPIRE instead.
 */
import { ParleyError } from '@parley/domain';

const MAX_PURGE_INTERVAL_MS = 60_000;
const MIN_PURGE_INTERVAL_MS = 1_000;

export class SessionExpiry {
  /** 0 when sessions never expire. */
  readonly ttlMs: number;

  /** `field` names the option in the error for a bad value (the audit's retention uses this class too). */
  constructor(ttlSeconds: number, field = 'ttlSeconds') {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0) {
      throw new ParleyError('INVALID_ARGUMENT', `${field} must be a number ≥ 0, got ${ttlSeconds}`, { field });
    }
    this.ttlMs = Math.round(ttlSeconds * 1000);
  }

  /** The expiry time (epoch ms) of a session written at `now`, or null when sessions never expire. */
  deadline(now: number = Date.now()): number | null {
    return this.ttlMs === 0 ? null : now + this.ttlMs;
  }

  isLive(expiresAt: number | null, now: number = Date.now()): boolean {
    return expiresAt === null || expiresAt > now;
  }

  /**
   * Calls `purge` now and then while expiry is on; returns the function that stops it. The timer does not keep
   * the process alive, and a failed purge is left to the next round: reads never depend on it.
   */
  schedule(purge: () => unknown): () => void {
    if (this.ttlMs === 0) return () => undefined;
    const interval = Math.min(MAX_PURGE_INTERVAL_MS, Math.max(MIN_PURGE_INTERVAL_MS, this.ttlMs));
    const timer = setInterval(() => {
      Promise.resolve()
        .then(purge)
        .catch(() => undefined);
    }, interval);
    timer.unref();
    return () => clearInterval(timer);
  }
}
