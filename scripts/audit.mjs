#!/usr/bin/env node
// npm audit for CI (.ci/run): fails (exit 1) when the registry reports a high or critical finding in any
// dependency. When the audit endpoint itself cannot be used (offline, or a registry mirror answering 405 as on
// the development machines) there is nothing to judge: it prints a loud "npm audit could not run: <reason>" and
// exits 0, so an unreachable endpoint never blocks CI while a real finding always does.
// Usage: node scripts/audit.mjs   (reads `npm audit --json` itself)
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Severities that fail the audit (npm's --audit-level=high). */
export const FAILING_SEVERITIES = ['high', 'critical'];

/**
 * What an `npm audit --json` output says: `unavailable` (the endpoint gave no report, with npm's reason) or
 * `report` with the counts per severity and each high or critical package (with its advisories' titles).
 */
export function auditVerdict(output) {
  let json;
  try {
    json = JSON.parse(output);
  } catch {
    return { kind: 'unavailable', reason: `npm printed no JSON report (${firstLine(output) || 'no output'})` };
  }
  const counts = json?.metadata?.vulnerabilities;
  if (json?.error !== undefined || counts === undefined) return { kind: 'unavailable', reason: errorReason(json) };
  const findings = Object.values(json.vulnerabilities ?? {})
    .filter((entry) => FAILING_SEVERITIES.includes(entry.severity))
    .map((entry) => ({ name: entry.name, severity: entry.severity, range: entry.range, advisories: advisoriesOf(entry) }));
  const failing = FAILING_SEVERITIES.reduce((sum, severity) => sum + (counts[severity] ?? 0), 0);
  return { kind: 'report', counts, failing, findings };
}

function errorReason(json) {
  const error = json?.error;
  const parts = [json?.message, error?.code, error?.summary, error?.detail].filter((part) => typeof part === 'string' && part !== '');
  return parts.length > 0 ? [...new Set(parts)].join('; ') : 'the audit endpoint returned no report';
}

function advisoriesOf(entry) {
  return (entry.via ?? []).map((via) => (typeof via === 'string' ? `through ${via}` : `${via.title} (${via.url})`));
}

function firstLine(text) {
  return String(text).trim().split('\n')[0]?.slice(0, 200) ?? '';
}

/** The lines to print for a verdict, and the exit code. */
export function describeVerdict(verdict) {
  if (verdict.kind === 'unavailable') {
    const bar = '!'.repeat(78);
    return {
      exitCode: 0,
      lines: [
        bar,
        `!!! npm audit could not run: ${verdict.reason}`,
        '!!! Dependencies were NOT checked for known vulnerabilities in this run.',
        bar,
      ],
    };
  }
  const summary = Object.entries(verdict.counts)
    .filter(([severity]) => severity !== 'total')
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
  if (verdict.failing === 0) return { exitCode: 0, lines: [`npm audit: no high or critical finding (${summary})`] };
  return {
    exitCode: 1,
    lines: [
      `npm audit: ${verdict.failing} high or critical finding(s) (${summary}):`,
      ...verdict.findings.flatMap((finding) => [
        `  ${finding.severity} ${finding.name} ${finding.range}`,
        ...finding.advisories.map((advisory) => `      ${advisory}`),
      ]),
      'Fix with `npm audit fix` (or update the dependency), then rerun.',
    ],
  };
}

function main() {
  const result = spawnSync('npm', ['audit', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const verdict = result.error
    ? { kind: 'unavailable', reason: `npm could not be started (${result.error.message})` }
    : auditVerdict(result.stdout);
  const { exitCode, lines } = describeVerdict(verdict);
  (exitCode === 0 ? console.log : console.error)(lines.join('\n'));
  process.exitCode = exitCode;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
