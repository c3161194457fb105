/**
 * Chooses how an audit query runs, from how many rows its filters hold. Planners estimate a conjunction as if its
 * filters were independent, and the audit's are not: for "reason NONE and score < 0.1" they walk every NONE row
 * newest first expecting a match soon and find none; for "score ≤ 0.3" PostgreSQL sorts every low score rather
 * than walk. Counting settles it. A query whose matches are few reads them all and sorts them, starting from the
 * index that holds fewest; one whose matches are many walks newest first through an index that serves the order
 * (never the score's), and stops when the page is full.
 * - SQLite (sampled statistics, no index intersection): an index-only count of each filter alone, stopped at
 *   PROBE_LIMIT; the smallest under it is where the query starts (INDEXED BY).
 * - PostgreSQL (full statistics, extended ones for the filter columns that go together, bitmap intersection): its
 *   own estimate of the whole query's rows.
 */
import type { CheckedAuditQuery } from './audit-query';
import { AUDIT_COLUMN, type AuditIndexedFilter, type AuditPlan, type AuditSqlDialect } from './audit-sql';

/** Rows a probe counts at most, and the most a query that reads all its matches should read. */
export const PROBE_LIMIT = 10_000;

/**
 * Rows of the newest that a sample reads, when every filter holds more than PROBE_LIMIT and two or more are
 * equality filters: SQLite's sampled statistics cannot tell 50,000 rows from 400,000, and walking the larger set to
 * learn that two values never meet costs ten times more. How often each filter matches among the newest rows (one
 * index-only read) tells which set is smaller.
 */
const SAMPLE_ROWS = 20_000;

/** Whether a query may need a plan of its own: a score bound, or two filters or more. A single equality filter's
 * index serves the order directly. */
export function needsAuditPlan(query: CheckedAuditQuery): boolean {
  return hasScore(query) || Object.keys(query.equal).length >= 2;
}

/** One filter alone, as a WHERE condition: the store counts the rows it holds. */
export interface AuditProbe {
  filter: AuditIndexedFilter;
  condition: string;
  values: unknown[];
}

/** The probes of a query that needs a plan: every indexed filter it has, alone. */
export function auditProbes(query: CheckedAuditQuery, dialect: AuditSqlDialect): AuditProbe[] {
  if (!needsAuditPlan(query)) return [];
  const filters = [...(Object.keys(query.equal) as AuditIndexedFilter[]), ...(hasScore(query) ? (['score'] as const) : [])];
  return filters.map((filter) => {
    const values: unknown[] = [];
    const param = (value: unknown): string => dialect.placeholder(values.push(value));
    const where =
      filter === 'score'
        ? [
            'score IS NOT NULL',
            ...(query.minScore === undefined ? [] : [`score >= ${param(query.minScore)}`]),
            ...(query.maxScore === undefined ? [] : [`score <= ${param(query.maxScore)}`]),
          ]
        : [`${AUDIT_COLUMN[filter]} = ${param(query.equal[filter])}`];
    return { filter, condition: where.join(' AND '), values };
  });
}

/** The bounded, index-only count of a probe's rows; its last parameter is the bound. */
export function countProbeSql(table: string, probe: AuditProbe, dialect: AuditSqlDialect): string {
  const limit = dialect.placeholder(probe.values.length + 1);
  return `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${probe.condition} LIMIT ${limit}) AS probe`;
}

/** How SQLite learns the size of a probe's filter: counted up to a bound, or as matches in the newest rows. */
export interface AuditCounter {
  count(probe: AuditProbe, limit: number): number;
  /** How many of the newest SAMPLE_ROWS rows each probe matches. */
  sample(probes: AuditProbe[]): number[];
}

/**
 * SQLite's plan. The smallest filter under PROBE_LIMIT is where the query starts. When there is none and two
 * equality filters or more, the one matching least among the newest rows is the index the query walks (never the
 * score's: it does not serve the order).
 */
export function countedAuditPlan(query: CheckedAuditQuery, probes: AuditProbe[], counter: AuditCounter): AuditPlan {
  const score = hasScore(query) ? { hideScore: true } : {};
  const first = smallestOf(probes, (probe) => counter.count(probe, PROBE_LIMIT));
  if (first !== undefined && first.count < PROBE_LIMIT) return { start: first.probe.filter };
  const equal = probes.filter((probe) => probe.filter !== 'score');
  if (equal.length < 2) return score;
  const matches = counter.sample(equal);
  const rarest = smallestOf(equal, (probe) => matches[equal.indexOf(probe)] ?? 0);
  return { ...(rarest === undefined ? {} : { start: rarest.probe.filter }), ...score };
}

/** How many of the newest `limit` rows match each probe, in one read of the `at` index (it carries every filter column). */
export function sampleProbesSql(table: string, probes: AuditProbe[], dialect: AuditSqlDialect): { text: string; values: unknown[] } {
  const values = probes.flatMap((probe) => probe.values);
  const sums = probes.map((probe, index) => `sum(CASE WHEN ${probe.condition} THEN 1 ELSE 0 END) AS n${index}`);
  const limit = dialect.placeholder(values.push(SAMPLE_ROWS));
  const newest = `SELECT session_id, kind, state, intent, fallback_reason, score FROM ${table} ORDER BY at DESC, id DESC LIMIT ${limit}`;
  return { text: `SELECT ${sums.join(', ')} FROM (${newest}) AS newest`, values };
}

function smallestOf(probes: AuditProbe[], count: (probe: AuditProbe) => number): { probe: AuditProbe; count: number } | undefined {
  let smallest: { probe: AuditProbe; count: number } | undefined;
  for (const probe of probes) {
    const n = count(probe);
    if (smallest === undefined || n < smallest.count) smallest = { probe, count: n };
  }
  return smallest;
}

/** PostgreSQL's plan from its estimate of the whole query's rows. */
export function estimatedAuditPlan(query: CheckedAuditQuery, estimatedRows: number): AuditPlan {
  if (estimatedRows < PROBE_LIMIT) return { sortMatches: true };
  return hasScore(query) ? { hideScore: true } : {};
}

function hasScore(query: CheckedAuditQuery): boolean {
  return query.minScore !== undefined || query.maxScore !== undefined;
}
