/**
 * Reads the audit rows of a time window for the dashboard, newest first, page after page through the store's one
 * query (so every store serves it, with the indexes the audit's time filter already has), up to a bound that keeps
 * a dashboard request cheap on a busy bot: past it the summary covers the newest rows and says so.
 */
import { MAX_AUDIT_PAGE, type AuditRecord, type SessionStore } from '@parley/session-store';

/** Most rows one dashboard request reads. */
const MAX_DASHBOARD_ROWS = 50_000;

export interface AuditWindow {
  rows: AuditRecord[];
  /** True when the window held more rows than were read: the oldest were left out. */
  truncated: boolean;
}

export async function readAuditWindow(
  store: Pick<SessionStore, 'queryAudit'>,
  window: { from: string; to: string },
  maxRows: number = MAX_DASHBOARD_ROWS,
): Promise<AuditWindow> {
  const rows: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const limit = Math.min(MAX_AUDIT_PAGE, maxRows - rows.length);
    const page = await store.queryAudit({ ...window, limit, ...(cursor === undefined ? {} : { cursor }) });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== undefined && rows.length < maxRows);
  return { rows, truncated: cursor !== undefined };
}
