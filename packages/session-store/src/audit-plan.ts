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
 * The bounds of further probes, when every filter holds more than PROBE_LIMIT and two or more are equality filters:
 * SQLite's sampled statistics cannot tell 50,000 rows from 400,000, and walking the larger set to learn that two
 * values never meet costs ten times more. Counting index entries costs a fraction of walking them, and the bounds
 * grow so that a clearly smaller filter is found after counting little.
 */
export const WIDE_PROBE_LIMITS = [40_000, 200_000];

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

/**
 * SQLite's plan: `count(probe, limit)` counts a probe's rows up to `limit`. The smallest filter under PROBE_LIMIT
 * is where the query starts. When there is none, the equality filters are counted again under each of
 * WIDE_PROBE_LIMITS in turn, and the smallest under one is the index the query walks (never the score's: it does
 * not serve the order).
 */
export function countedAuditPlan(
  query: CheckedAuditQuery,
  probes: AuditProbe[],
  count: (probe: AuditProbe, limit: number) => number,
): AuditPlan {
  const score = hasScore(query) ? { hideScore: true } : {};
  const first = smallestOf(probes, (probe) => count(probe, PROBE_LIMIT));
  if (first !== undefined && first.count < PROBE_LIMIT) return { start: first.probe.filter };
  const equal = probes.filter((probe) => probe.filter !== 'score');
  if (equal.length < 2) return score;
  for (const limit of WIDE_PROBE_LIMITS) {
    const smallest = smallestOf(equal, (probe) => count(probe, limit));
    if (smallest !== undefined && smallest.count < limit) return { start: smallest.probe.filter, ...score };
  }
  return score;
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
