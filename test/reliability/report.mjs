#!/usr/bin/env node
/**
 * Adds up the summaries the reliability suites wrote (test-artifacts/reliability/*.json) into the figures
 * RELIABILITY.md quotes, and prints them as a Markdown table. Run it after `npx vitest run test/reliability`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const directory = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'reliability');
const summaries = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')))
  .sort((a, b) => a.kind.localeCompare(b.kind) || a.suite.localeCompare(b.suite));

const sum = (list, pick) => list.reduce((total, summary) => total + pick(summary), 0);
const counter = (name) => (summary) => summary.counters[name] ?? 0;
const of = (kind) => summaries.filter((summary) => summary.kind === kind);

const totals = {
  badInputsTried: sum(of('bad-input'), (s) => s.tried),
  fuzzedRequests: sum(of('fuzz'), (s) => s.tried),
  faultsInjected: sum(of('fault'), (s) => s.tried),
  failed: sum(summaries, (s) => s.failed),
  serverErrorsForBadInput: sum([...of('bad-input'), ...of('fuzz')], (s) => s.serverErrors),
  serverErrorsUnderFaults: sum(of('fault'), (s) => s.serverErrors),
  crashes: sum(summaries, counter('crashes')),
  acknowledgedTurnsChecked: sum(summaries, counter('acknowledged turns checked')),
  lostAcknowledgedTurns: sum(summaries, counter('lost acknowledged turns')),
};

const rows = summaries.map(
  (s) => `| ${s.suite} | ${s.kind} | ${s.tried} | ${s.passed} | ${s.failed} | ${s.serverErrors} | ${s.finishedAt} |`,
);
console.log(
  ['| suite | kind | tried | passed | failed | 5xx / INTERNAL | finished |', '|---|---|---:|---:|---:|---:|---|', ...rows].join('\n'),
);
console.log('');
console.log(JSON.stringify(totals, null, 2));
const failures = summaries.flatMap((s) =>
  s.failures.map((failure) => `${s.suite}: ${failure.name} — expected ${failure.expected}, got ${failure.got}`),
);
if (failures.length > 0) console.log(`\nCases not passing:\n${failures.join('\n')}`);
