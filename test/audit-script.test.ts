/**
 * scripts/audit.mjs, the CI step that runs `npm audit`: how it reads npm's JSON on recorded outputs
 * (test/fixtures/npm-audit/): high and critical findings fail, lower ones pass, an unusable endpoint is reported
 * loudly without failing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditVerdict, describeVerdict } from '../scripts/audit.mjs';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', 'npm-audit', name), 'utf8');

describe('scripts/audit.mjs', () => {
  it('fails on high and critical findings, naming each package and advisory', () => {
    const verdict = auditVerdict(fixture('findings.json'));
    expect(verdict).toMatchObject({ kind: 'report', failing: 3 });
    const { exitCode, lines } = describeVerdict(verdict);
    expect(exitCode).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain('3 high or critical finding(s)');
    expect(text).toContain('high cross-spawn 7.0.0 - 7.0.4');
    expect(text).toContain(
      'Regular Expression Denial of Service (ReDoS) in cross-spawn (https://github.com/advisories/GHSA-3xgq-45jj-v275)',
    );
    expect(text).toContain('critical some-client');
    expect(text).toContain('through form-data');
    expect(text).not.toContain('brace-expansion');
  });

  it('passes when the worst finding is moderate', () => {
    const { exitCode, lines } = describeVerdict(auditVerdict(fixture('moderate-only.json')));
    expect(exitCode).toBe(0);
    expect(lines).toEqual(['npm audit: no high or critical finding (0 info, 0 low, 1 moderate, 0 high, 0 critical)']);
  });

  it.each([
    ['the endpoint answering 405 (as on the development machines)', 'endpoint-405.json', '405 Method Not Allowed - POST'],
    ['the registry unreachable', 'offline.json', 'EAI_AGAIN'],
  ])('says loudly that it could not run, without failing, on %s', (_name, file, reason) => {
    const verdict = auditVerdict(fixture(file));
    expect(verdict.kind).toBe('unavailable');
    const { exitCode, lines } = describeVerdict(verdict);
    expect(exitCode).toBe(0);
    expect(lines.join('\n')).toMatch(new RegExp(`npm audit could not run: .*${reason}`));
  });

  it('treats output that is not a JSON report as "could not run"', () => {
    expect(auditVerdict('npm ERR! something broke\nmore')).toEqual({
      kind: 'unavailable',
      reason: 'npm printed no JSON report (npm ERR! something broke)',
    });
    expect(auditVerdict('{}').kind).toBe('unavailable');
  });
});
