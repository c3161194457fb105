/**
 * The figures RELIABILITY.md quotes come from here: each reliability suite records what it tried (distinct, named
 * bad-input cases; fuzzed requests; injected faults) and how each came out, then writes
 * test-artifacts/reliability/<suite>.json and prints it. `node test/reliability/report.mjs` adds the files up.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ARTIFACT_DIR = join(__dirname, '..', '..', '..', 'test-artifacts', 'reliability');

export type SuiteKind = 'bad-input' | 'fuzz' | 'fault';

export interface CaseOutcome {
  /** What the case expected, e.g. "400 TEXT_EMPTY" or "UNAVAILABLE". */
  expected: string;
  /** What it got, in the same form. */
  got: string;
  /** A server error: HTTP 5xx, or gRPC UNKNOWN / INTERNAL / DATA_LOSS. */
  serverError: boolean;
}

export interface SuiteSummary {
  suite: string;
  kind: SuiteKind;
  /** Distinct named cases (bad input, faults) or generated requests (fuzz). */
  tried: number;
  passed: number;
  failed: number;
  serverErrors: number;
  /** Suite-specific counts: statuses seen, requests over real HTTP, crashes, lost turns, … */
  counters: Record<string, number>;
  failures: Array<{ name: string } & CaseOutcome>;
  finishedAt: string;
}

export class CaseLog {
  private readonly outcomes = new Map<string, CaseOutcome>();
  private readonly counters: Record<string, number> = {};
  private generated = 0;
  private generatedServerErrors = 0;

  constructor(
    readonly suite: string,
    readonly kind: SuiteKind,
  ) {}

  /** One named case. Names must be distinct: the count is of distinct cases, not of attempts. */
  record(name: string, outcome: CaseOutcome): void {
    if (this.outcomes.has(name)) throw new Error(`${this.suite}: case "${name}" recorded twice`);
    this.outcomes.set(name, outcome);
    if (outcome.serverError) this.count('serverErrors');
  }

  /** One generated (fuzzed) request; `key` tallies what came back (e.g. "400", "INVALID_ARGUMENT"). */
  generatedRequest(key: string, serverError: boolean): void {
    this.generated += 1;
    if (serverError) this.generatedServerErrors += 1;
    this.count(`got ${key}`);
  }

  count(key: string, by = 1): void {
    this.counters[key] = (this.counters[key] ?? 0) + by;
  }

  /** Keeps the largest value seen under `key` (latencies, recovery times). */
  max(key: string, value: number): void {
    this.counters[key] = Math.max(this.counters[key] ?? value, value);
  }

  get tried(): number {
    return this.outcomes.size + this.generated;
  }

  summary(): SuiteSummary {
    const cases = [...this.outcomes.entries()];
    const failures = cases.filter(([, outcome]) => outcome.expected !== outcome.got);
    return {
      suite: this.suite,
      kind: this.kind,
      tried: this.tried,
      passed: cases.length - failures.length + this.generated - this.generatedServerErrors,
      failed: failures.length + this.generatedServerErrors,
      serverErrors: cases.filter(([, outcome]) => outcome.serverError).length + this.generatedServerErrors,
      counters: { ...this.counters },
      failures: failures.map(([name, outcome]) => ({
        name,
        expected: outcome.expected,
        got: outcome.got,
        serverError: outcome.serverError,
      })),
      finishedAt: new Date().toISOString(),
    };
  }

  /** Writes test-artifacts/reliability/<suite>.json and prints the summary (afterAll). */
  write(): SuiteSummary {
    const summary = this.summary();
    mkdirSync(ARTIFACT_DIR, { recursive: true });
    writeFileSync(join(ARTIFACT_DIR, `${this.suite}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    const { failures, ...figures } = summary;
    console.log(`[reliability] ${JSON.stringify({ ...figures, failures: failures.length })}`);
    return summary;
  }
}
