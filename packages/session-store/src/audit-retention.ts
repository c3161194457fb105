/**
 * How long audit rows are kept (`auditRetentionSeconds`), apart from any session's lifetime: rows older than the
 * cut-off are hidden from queries at once and purged in the background, in batches, by the adapter's `purge`.
 */
import { SessionExpiry } from './session-expiry';

/** Rows one purge statement or script removes at most, so a purge never holds the store for long. */
export const AUDIT_PURGE_BATCH = 5_000;

export class AuditRetention {
  private readonly period: SessionExpiry;

  constructor(retentionSeconds = 0) {
    this.period = new SessionExpiry(retentionSeconds, 'auditRetentionSeconds');
  }

  /** Rows whose `at` is before this (epoch ms) are gone; undefined when rows are kept for ever. */
  cutoff(now: number = Date.now()): number | undefined {
    return this.period.ttlMs === 0 ? undefined : now - this.period.ttlMs;
  }

  /** Calls `purge` now and then while a retention is set; returns the function that stops it. */
  schedule(purge: () => unknown): () => void {
    return this.period.schedule(purge);
  }
}
