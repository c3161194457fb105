// Types of scripts/audit.mjs (for its test, test/audit-script.test.ts).
export interface AuditFinding {
  name: string;
  severity: string;
  range: string;
  advisories: string[];
}

export type AuditVerdict =
  { kind: 'unavailable'; reason: string } | { kind: 'report'; counts: Record<string, number>; failing: number; findings: AuditFinding[] };

export declare const FAILING_SEVERITIES: string[];
export declare function auditVerdict(output: string): AuditVerdict;
export declare function describeVerdict(verdict: AuditVerdict): { exitCode: number; lines: string[] };
