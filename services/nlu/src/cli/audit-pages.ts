/**
 * The audit as the CLI reads it: GET /v1/audit page after page (newest first) under the filters the command line
 * gives, for `parley audit export` and `parley label`. The options are named as the API's filters are.
 */
import type { CliConfig } from '../config';
import { UsageError } from './cli-io';
import { dialogueJson } from './dialogue-client';

/** CLI option → query parameter of GET /v1/audit. */
export const AUDIT_FILTERS = {
  session: 'sessionId',
  kind: 'kind',
  intent: 'intent',
  state: 'state',
  'fallback-reason': 'fallbackReason',
  'min-score': 'minScore',
  'max-score': 'maxScore',
  from: 'from',
  to: 'to',
} as const;

/** The filters' parseArgs options. */
export const AUDIT_FILTER_OPTIONS = Object.fromEntries(
  Object.keys(AUDIT_FILTERS).map((name) => [name, { type: 'string' as const }]),
) as Record<keyof typeof AUDIT_FILTERS, { type: 'string' }>;

/** The API's page size limit: the fewest round trips. */
const PAGE_SIZE = 1000;

export interface AuditRow {
  id: number;
  at: string;
  sessionId: string;
  kind: string;
  state?: string;
  intent?: string;
  score?: number;
  fallbackReason?: string;
  data: Record<string, unknown>;
}

/** The query string of the filters among parsed options. */
export function auditQueryOf(values: Partial<Record<keyof typeof AUDIT_FILTERS, string>>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [option, parameter] of Object.entries(AUDIT_FILTERS)) {
    const value = values[option as keyof typeof AUDIT_FILTERS];
    if (value !== undefined) query.set(parameter, value);
  }
  return query;
}

/** The matching rows, page by page, `maxRows` at most in all. */
export async function* auditPages(config: Readonly<CliConfig>, query: URLSearchParams, maxRows: number): AsyncGenerator<AuditRow[]> {
  let read = 0;
  let cursor: string | undefined;
  do {
    const page = new URLSearchParams(query);
    page.set('limit', String(Math.min(PAGE_SIZE, maxRows - read)));
    if (cursor !== undefined) page.set('cursor', cursor);
    const answer = await dialogueJson<{ rows: AuditRow[]; nextCursor?: string }>(config, `/v1/audit?${page.toString()}`);
    yield answer.rows;
    read += answer.rows.length;
    cursor = answer.nextCursor;
  } while (cursor !== undefined && read < maxRows);
}

/** `--max-rows`: a whole number ≥ 1, or no bound. */
export function maxRowsOf(value: string | undefined, usage: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const maxRows = Number(value);
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new UsageError(`--max-rows must be a whole number ≥ 1\nusage: ${usage}`);
  return maxRows;
}
