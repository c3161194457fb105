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

/** The bounded, index-only count of a probe's rows; its last parameter is PROBE_LIMIT. */
export function countProbeSql(table: string, probe: AuditProbe, dialect: AuditSqlDialect): string {
  const limit = dialect.placeholder(probe.values.length + 1);
  return `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${probe.condition} LIMIT ${limit}) AS probe`;
}

/** SQLite's plan from its probes' counts (`counts[i]` answers `probes[i]`). */
export function countedAuditPlan(query: CheckedAuditQuery, probes: AuditProbe[], counts: number[]): AuditPlan {
  let smallest: { filter: AuditIndexedFilter; count: number } | undefined;
  probes.forEach((probe, index) => {
    const count = counts[index] ?? PROBE_LIMIT;
    if (smallest === undefined || count < smallest.count) smallest = { filter: probe.filter, count };
  });
  if (smallest !== undefined && smallest.count < PROBE_LIMIT) return { start: smallest.filter };
  return hasScore(query) ? { hideScore: true } : {};
}

/** PostgreSQL's plan from its estimate of the whole query's rows. */
export function estimatedAuditPlan(query: CheckedAuditQuery, estimatedRows: number): AuditPlan {
  if (estimatedRows < PROBE_LIMIT) return { sortMatches: true };
  return hasScore(query) ? { hideScore: true } : {};
}

function hasScore(query: CheckedAuditQuery): boolean {
  return query.minScore !== undefined || query.maxScore !== undefined;
}
