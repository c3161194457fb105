import { describe, expect, it } from 'vitest';
import {
  auditProbes,
  countedAuditPlan,
  estimatedAuditPlan,
  needsAuditPlan,
  PROBE_LIMIT,
  type AuditCounter,
  type AuditProbe,
} from './audit-plan';
import { checkAuditQuery } from './audit-query';
import type { AuditSqlDialect } from './audit-sql';
import type { AuditQuery } from './session-store';

const dialect: AuditSqlDialect = {
  placeholder: () => '?',
  time: (ms) => ms,
  startFrom: () => '',
  unindexedOrder: '',
  hiddenScore: '+score',
  idsFirst: false,
};
const checked = (query: Omit<AuditQuery, 'limit'>) => checkAuditQuery({ limit: 50, ...query }, undefined);

/** A counter answering each filter's true row count, bounded like the index-only count, and a sample of 1 in 50. */
function counter(rows: Record<string, number>, asked: string[] = []): AuditCounter {
  return {
    count: (probe: AuditProbe, limit: number): number => {
      asked.push(`${probe.filter}<${limit}`);
      return Math.min(rows[probe.filter] ?? 0, limit);
    },
    sample: (probes) => {
      asked.push(`sample ${probes.map((probe) => probe.filter).join(' ')}`);
      return probes.map((probe) => Math.round((rows[probe.filter] ?? 0) / 50));
    },
  };
}

describe('audit plans', () => {
  it('needs no plan for one equality filter, whose index serves the order', () => {
    expect(needsAuditPlan(checked({ intent: 'a' }))).toBe(false);
    expect(auditProbes(checked({ intent: 'a' }), dialect)).toEqual([]);
    expect(needsAuditPlan(checked({ minScore: 0.5 }))).toBe(true);
    expect(needsAuditPlan(checked({ intent: 'a', state: 's' }))).toBe(true);
  });

  it('probes each filter alone', () => {
    expect(auditProbes(checked({ intent: 'a', minScore: 0.2, maxScore: 0.4 }), dialect)).toEqual([
      { filter: 'intent', condition: 'intent = ?', values: ['a'] },
      { filter: 'score', condition: 'score IS NOT NULL AND score >= ? AND score <= ?', values: [0.2, 0.4] },
    ]);
  });

  it('SQLite starts from the smallest filter under the probe limit, the score index included', () => {
    const query = checked({ fallbackReason: 'NONE', maxScore: 0.1 });
    const plan = countedAuditPlan(query, auditProbes(query, dialect), counter({ fallbackReason: 360_000, score: 6_000 }));
    expect(plan).toEqual({ start: 'score' });
  });

  it('SQLite walks without the score index when the score range holds many rows', () => {
    const query = checked({ kind: 'prediction', maxScore: 0.3 });
    expect(countedAuditPlan(query, auditProbes(query, dialect), counter({ kind: 410_000, score: 30_000 }))).toEqual({ hideScore: true });
  });

  it('SQLite samples the newest rows when every filter is large, so two common values that never meet walk the rarer', () => {
    const query = checked({ intent: 'fallback_intent', fallbackReason: 'NONE' });
    const asked: string[] = [];
    const plan = countedAuditPlan(query, auditProbes(query, dialect), counter({ intent: 49_000, fallbackReason: 360_000 }, asked));
    expect(plan).toEqual({ start: 'intent' });
    expect(asked).toEqual([`intent<${PROBE_LIMIT}`, `fallbackReason<${PROBE_LIMIT}`, 'sample intent fallbackReason']);
  });

  it('PostgreSQL sorts few matches and walks many, without the score index', () => {
    expect(estimatedAuditPlan(checked({ intent: 'a', state: 'b' }), 12)).toEqual({ sortMatches: true });
    expect(estimatedAuditPlan(checked({ minScore: 0.9 }), 200_000)).toEqual({ hideScore: true });
    expect(estimatedAuditPlan(checked({ intent: 'a', state: 'b' }), 200_000)).toEqual({});
  });
});
